<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>DueClock</name>
    <message>
        <source>MMM d, HH:mm</source>
        <comment>date format (QDateTime)</comment>
        <translation>d MMM, HH:mm</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>⚠ %1 · %2 overdue</source>
        <translation>⚠ %1 · vencido hace %2</translation>
    </message>
    <message>
        <source>%1 · %2 left</source>
        <translation>%1 · quedan %2</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>Idioma del &amp;sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The new language applies the next time ReviewDesk starts.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie ReviewDesk.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Utilization review workstation</source>
        <translation>Estación de revisión de utilización</translation>
    </message>
    <message>
        <source>A case file to open, a folder whose queue to show, or a team workspace (postgresql://..., or postgresql://...#CASE-ID). Without one: the workspace of workspace.json in the configuration folder, if any.</source>
        <translation>Un archivo de caso que abrir, una carpeta cuya cola mostrar o un espacio de equipo (postgresql://..., o postgresql://...#ID-DEL-CASO). Sin ninguno: el espacio de workspace.json en la carpeta de configuración, si lo hay.</translation>
    </message>
    <message>
        <source>Team Workspace</source>
        <translation>Espacio de equipo</translation>
    </message>
</context>
<context>
    <name>rd::CaseJobs</name>
    <message>
        <source>&amp;New Case from JSON…</source>
        <translation>&amp;Nuevo caso desde JSON…</translation>
    </message>
    <message>
        <source>Create a case file from a case JSON</source>
        <translation>Crear un archivo de caso a partir de un JSON de caso</translation>
    </message>
    <message>
        <source>&amp;Add Clinical Records…</source>
        <translation>Añadir &amp;documentación clínica…</translation>
    </message>
    <message>
        <source>Store more PDFs in the open case (records that came later)</source>
        <translation>Guardar más PDF en el caso abierto (documentación llegada después)</translation>
    </message>
    <message>
        <source>Save a &amp;Copy As…</source>
        <translation>Guardar una c&amp;opia como…</translation>
    </message>
    <message>
        <source>Case files (*.%1)</source>
        <translation>Archivos de caso (*.%1)</translation>
    </message>
    <message>
        <source>New Case from JSON</source>
        <translation>Nuevo caso desde JSON</translation>
    </message>
    <message>
        <source>Case JSON (*.json)</source>
        <translation>JSON de caso (*.json)</translation>
    </message>
    <message>
        <source>Attach the Clinical Records</source>
        <translation>Adjuntar la documentación clínica</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save New Case As</source>
        <translation>Guardar el nuevo caso como</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Creating the case…</source>
        <translation>Creando el caso…</translation>
    </message>
    <message numerus="yes">
        <source>Creating the case: checking and storing %n attachment(s)…</source>
        <translation>
            <numerusform>Creando el caso: comprobando y guardando %n documento adjunto…</numerusform>
            <numerusform>Creando el caso: comprobando y guardando %n documentos adjuntos…</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating the case from %1…</source>
        <translation>Creando el caso a partir de %1…</translation>
    </message>
    <message>
        <source>Import Request (FHIR)</source>
        <translation>Importar solicitud (FHIR)</translation>
    </message>
    <message>
        <source>Add Clinical Records</source>
        <translation>Añadir documentación clínica</translation>
    </message>
    <message numerus="yes">
        <source>Adding %n clinical record(s) to case %1…</source>
        <translation>
            <numerusform>Añadiendo %n documento clínico al caso %1…</numerusform>
            <numerusform>Añadiendo %n documentos clínicos al caso %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n clinical record(s) to %1…</source>
        <translation>
            <numerusform>Añadiendo %n documento clínico a %1…</numerusform>
            <numerusform>Añadiendo %n documentos clínicos a %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clinical record(s) added.</source>
        <translation>
            <numerusform>%n documento clínico añadido.</numerusform>
            <numerusform>%n documentos clínicos añadidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save a Copy As</source>
        <translation>Guardar una copia como</translation>
    </message>
    <message>
        <source>Saving a copy as %1…</source>
        <translation>Guardando una copia como %1…</translation>
    </message>
    <message>
        <source>Copy saved as %1.</source>
        <translation>Copia guardada como %1.</translation>
    </message>
</context>
<context>
    <name>rd::CaseQueueFilter</name>
    <message>
        <source>RFI: answer by %1</source>
        <translation>Solicitud de información: respuesta antes del %1</translation>
    </message>
    <message>
        <source>MMM d, HH:mm</source>
        <comment>date format (QDateTime)</comment>
        <translation>d MMM, HH:mm</translation>
    </message>
    <message>
        <source>Pended for information on %1. The provider&apos;s answer is due by %2; the decision is due %3 after the answer, and by %4 at the latest.</source>
        <translation>Pendiente de información desde el %1. El proveedor debe responder antes del %2; la decisión vence %3 después de la respuesta y, como muy tarde, el %4.</translation>
    </message>
    <message>
        <source>The decision clock stops until the answer comes.</source>
        <translation>El plazo de la decisión se detiene hasta que llegue la respuesta.</translation>
    </message>
</context>
<context>
    <name>rd::CaseQueueModel</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Pended for information</source>
        <translation>Pendiente de información</translation>
    </message>
    <message>
        <source>Awaiting medical director</source>
        <translation>En espera del director médico</translation>
    </message>
    <message>
        <source>Determined</source>
        <translation>Determinado</translation>
    </message>
    <message>
        <source>%1 (cannot be read)</source>
        <translation>%1 (no se puede leer)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Expedited</source>
        <translation>Acelerada</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Estándar</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Afiliado</translation>
    </message>
    <message>
        <source>Codes</source>
        <translation>Códigos</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgencia</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
    <message>
        <source>MMM d, HH:mm</source>
        <comment>date format (QDateTime)</comment>
        <translation>d MMM, HH:mm</translation>
    </message>
    <message>
        <source>Request no.</source>
        <translation>N.º de solicitud</translation>
    </message>
</context>
<context>
    <name>rd::CaseSession</name>
    <message>
        <source>This case is open read-only: %1</source>
        <translation>Este caso está abierto solo para lectura: %1</translation>
    </message>
    <message>
        <source>This case is signed: its judgments can no longer change.</source>
        <translation>Este caso está firmado: sus valoraciones ya no pueden cambiar.</translation>
    </message>
    <message>
        <source>Nobody is logged in: choose File &gt; Switch Person… to record judgments.</source>
        <translation>Nadie ha iniciado sesión: elija Archivo &gt; Cambiar de persona… para registrar juicios.</translation>
    </message>
    <message>
        <source>This case is determined: its checklist is locked. Review &gt; Reopen unlocks it.</source>
        <translation>Este caso está determinado: su lista de verificación está bloqueada. Revisión &gt; Reabrir la desbloquea.</translation>
    </message>
    <message>
        <source>This case is with the medical director: its checklist is locked. Review &gt; Reopen unlocks it.</source>
        <translation>Este caso está con el director médico: su lista de verificación está bloqueada. Revisión &gt; Reabrir la desbloquea.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 has it open for writing on %2 since %3</source>
        <translation>%1 lo tiene abierto para escribir en %2 desde %3</translation>
    </message>
    <message>
        <source>MMM d, HH:mm</source>
        <comment>date format (QDateTime)</comment>
        <translation>d MMM, HH:mm</translation>
    </message>
    <message>
        <source>workspace unreachable: the case is read-only until the workspace answers again (reconnecting by itself)</source>
        <translation>espacio de equipo inalcanzable: el caso es de solo lectura hasta que el espacio vuelva a responder (se reconecta solo)</translation>
    </message>
    <message>
        <source>held by %1 (%2)</source>
        <translation>lo tiene %1 (%2)</translation>
    </message>
    <message>
        <source>held by %1</source>
        <translation>lo tiene %1</translation>
    </message>
    <message>
        <source>This case could not be read.</source>
        <translation>No se pudo leer este caso.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (Team &gt; Take This Case to work on it)</source>
        <translation>%1 (Equipo &gt; Tomar este caso para trabajarlo)</translation>
    </message>
</context>
<context>
    <name>rd::CaseView</name>
    <message>
        <source>&amp;Attachment:</source>
        <translation>&amp;Adjunto:</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Adjunto</translation>
    </message>
    <message>
        <source>%1 cannot be shown; the checklist stays available.</source>
        <translation>No se puede mostrar %1; la lista de verificación sigue disponible.</translation>
    </message>
    <message>
        <source>This case has no attachments.</source>
        <translation>Este caso no tiene adjuntos.</translation>
    </message>
    <message>
        <source>Select a passage in the attachment first, then cite it.</source>
        <translation>Seleccione primero un pasaje del adjunto y luego cítelo.</translation>
    </message>
    <message>
        <source>Cited %1, page %2.</source>
        <translation>Citado %1, página %2.</translation>
    </message>
    <message>
        <source>The cited attachment %1 is not in this case.</source>
        <translation>El adjunto citado %1 no está en este caso.</translation>
    </message>
    <message>
        <source>%1: never opened</source>
        <translation>%1: nunca abierto</translation>
    </message>
    <message>
        <source>%1: pages %2</source>
        <translation>%1: páginas %2</translation>
    </message>
    <message>
        <source>Route case</source>
        <translation>Tramitar caso</translation>
    </message>
    <message>
        <source>This case is open read-only: %1</source>
        <translation>Este caso está abierto solo para lectura: %1</translation>
    </message>
    <message>
        <source>The case cannot be decided yet:
%1</source>
        <translation>Todavía no se puede decidir el caso:
%1</translation>
    </message>
    <message>
        <source>Information is missing:
• %1

Pend the case for information?</source>
        <translation>Falta información:
• %1

¿Dejar el caso pendiente de información?</translation>
    </message>
    <message>
        <source>At least one line would be denied. A denial is made and signed by the medical director.

Route the case to the medical director?</source>
        <translation>Al menos una línea se denegaría. Una denegación la decide y la firma el director médico.

¿Enviar el caso al director médico?</translation>
    </message>
    <message>
        <source>Before routing a denial: these pages were never opened.
• %1

%2</source>
        <translation>Antes de tramitar una denegación: estas páginas nunca se abrieron.
• %1

%2</translation>
    </message>
    <message>
        <source>Every line is approved. Finalize the case as determined?</source>
        <translation>Todas las líneas están aprobadas. ¿Finalizar el caso como determinado?</translation>
    </message>
    <message>
        <source>Case routed: %1.</source>
        <translation>Caso tramitado: %1.</translation>
    </message>
    <message>
        <source>determined</source>
        <translation>determinado</translation>
    </message>
    <message>
        <source>pended for information</source>
        <translation>pendiente de información</translation>
    </message>
    <message>
        <source>awaiting medical director</source>
        <translation>en espera del director médico</translation>
    </message>
    <message>
        <source>%1 — pages: %2</source>
        <translation>%1 — páginas: %2</translation>
    </message>
    <message>
        <source>every page read</source>
        <translation>todas las páginas leídas</translation>
    </message>
    <message>
        <source>pages read: %1 of %2</source>
        <translation>páginas leídas: %1 de %2</translation>
    </message>
    <message>
        <source>Re&amp;open Case…</source>
        <translation>Re&amp;abrir el caso…</translation>
    </message>
    <message>
        <source>Unlock a routed case&apos;s checklist before sign-off (the reason is audited)</source>
        <translation>Desbloquear la lista de un caso enviado antes de la firma (el motivo queda auditado)</translation>
    </message>
    <message>
        <source>Reopen Case</source>
        <translation>Reabrir el caso</translation>
    </message>
    <message>
        <source>The case was routed (%1). Why must its judgments change? The reason is kept in the audit trail.</source>
        <translation>El caso fue enviado (%1). ¿Por qué deben cambiar sus juicios? El motivo se guarda en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Not reopened: a reason is needed.</source>
        <translation>No se reabrió: hace falta un motivo.</translation>
    </message>
    <message>
        <source>Case reopened: the checklist takes answers again.</source>
        <translation>Caso reabierto: la lista de verificación vuelve a aceptar respuestas.</translation>
    </message>
    <message>
        <source>This case is routed already (%1). Review &gt; Reopen unlocks it.</source>
        <translation>Este caso ya fue enviado (%1). Revisión &gt; Reabrir lo desbloquea.</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) not answered yet (they count as unknown):
• %1

%2</source>
        <translation>
            <numerusform>%n paso sin responder (cuenta como desconocido):
• %1

%2</numerusform>
            <numerusform>%n pasos sin responder (cuentan como desconocidos):
• %1

%2</numerusform>
        </translation>
    </message>
    <message>
        <source>These answers contradict each other:
• %1</source>
        <translation>Estas respuestas se contradicen:
• %1</translation>
    </message>
    <message>
        <source>%1

Every line is approved. Finalize and sign anyway?</source>
        <translation>%1

Todas las líneas están aprobadas. ¿Finalizar y firmar de todos modos?</translation>
    </message>
</context>
<context>
    <name>rd::ChecklistView</name>
    <message>
        <source>Checklist steps</source>
        <translation>Pasos de la lista de verificación</translation>
    </message>
    <message>
        <source>Add indication type</source>
        <translation>Añadir tipo de indicación</translation>
    </message>
    <message>
        <source>Remove indication type</source>
        <translation>Quitar tipo de indicación</translation>
    </message>
    <message>
        <source>Answer &amp;Met</source>
        <translation>Responder &amp;Cumple</translation>
    </message>
    <message>
        <source>This is an exclusion: Y if it applies, N if not, U for unknown.</source>
        <translation>Esto es una exclusión: Y si aplica, N si no aplica, U si es desconocido.</translation>
    </message>
    <message>
        <source>Answer &amp;Yes (exclusion applies)</source>
        <translation>Responder &amp;Sí (la exclusión aplica)</translation>
    </message>
    <message>
        <source>This is a criterion: M if met, N if not met, U for unknown.</source>
        <translation>Esto es un criterio: M si cumple, N si no cumple, U si es desconocido.</translation>
    </message>
    <message>
        <source>Answer &amp;Not met / No</source>
        <translation>Responder &amp;No cumple / No</translation>
    </message>
    <message>
        <source>Answer &amp;Unknown</source>
        <translation>Responder &amp;Desconocido</translation>
    </message>
    <message>
        <source>N&amp;ext judgment</source>
        <translation>Valoración si&amp;guiente</translation>
    </message>
    <message>
        <source>&amp;Previous judgment</source>
        <translation>Valoración &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;First judgment</source>
        <translation>&amp;Primera valoración</translation>
    </message>
    <message>
        <source>&amp;Cite selection for this judgment</source>
        <translation>Citar la s&amp;elección en esta valoración</translation>
    </message>
    <message>
        <source>Go to c&amp;itations</source>
        <translation>&amp;Ir a las citas</translation>
    </message>
    <message>
        <source>Toggle indication type %1</source>
        <translation>Marcar o desmarcar el tipo de indicación %1</translation>
    </message>
    <message>
        <source>The policy could not be loaded, so the checklist cannot be shown. The attachments can still be read.</source>
        <translation>No se pudo cargar la política, así que no se puede mostrar la lista de verificación. Los adjuntos se pueden seguir leyendo.</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>No hay ningún caso abierto.</translation>
    </message>
    <message>
        <source>%1 of “%2”</source>
        <translation>%1 de «%2»</translation>
    </message>
    <message>
        <source>Answer “%1”</source>
        <translation>Respuesta «%1»</translation>
    </message>
    <message>
        <source>Add type “%1”</source>
        <translation>Añadir el tipo «%1»</translation>
    </message>
    <message>
        <source>Remove type “%1”</source>
        <translation>Quitar el tipo «%1»</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Go to a judgment first: a citation supports one judgment.</source>
        <translation>Vaya primero a una valoración: cada cita respalda una valoración.</translation>
    </message>
    <message>
        <source>This passage is already cited for this judgment.</source>
        <translation>Este pasaje ya está citado en esta valoración.</translation>
    </message>
    <message>
        <source>Cite page %1</source>
        <translation>Citar la página %1</translation>
    </message>
    <message>
        <source>Remove citation</source>
        <translation>Quitar la cita</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: not answered</source>
        <translation>%1: sin responder</translation>
    </message>
    <message>
        <source>  ¶%1</source>
        <translation>  ¶%1</translation>
    </message>
    <message>
        <source>■  Summary</source>
        <translation>■  Resumen</translation>
    </message>
    <message>
        <source>&amp;Decision summary</source>
        <translation>&amp;Resumen de la decisión</translation>
    </message>
    <message>
        <source>Edit n&amp;ote</source>
        <translation>Editar n&amp;ota</translation>
    </message>
    <message>
        <source>Met: now choose one or more indication types with keys 1–%1.</source>
        <translation>Cumple: ahora elija uno o más tipos de indicación con las teclas 1–%1.</translation>
    </message>
    <message>
        <source>Next judgment (Page Down)</source>
        <translation>Valoración siguiente (Av Pág)</translation>
    </message>
    <message>
        <source>Previous judgment (Page Up)</source>
        <translation>Valoración anterior (Re Pág)</translation>
    </message>
    <message>
        <source>&amp;Move On After Each Answer</source>
        <translation>&amp;Avanzar tras cada respuesta</translation>
    </message>
    <message>
        <source>%1: not needed (%2 is met)</source>
        <translation>%1: no hace falta (se cumple %2)</translation>
    </message>
    <message>
        <source>No citations for this judgment yet: select a passage in the document (or a search hit) and press C.</source>
        <translation>Este juicio aún no tiene citas: seleccione un pasaje en el documento (o un resultado de búsqueda) y pulse C.</translation>
    </message>
</context>
<context>
    <name>rd::FhirActions</name>
    <message>
        <source>Import &amp;Request (FHIR)…</source>
        <translation>Importar &amp;solicitud (FHIR)…</translation>
    </message>
    <message>
        <source>Create a case from a Da Vinci PAS prior-authorization request</source>
        <translation>Crear un caso a partir de una solicitud de autorización previa Da Vinci PAS</translation>
    </message>
    <message>
        <source>E&amp;xport Response (FHIR)…</source>
        <translation>E&amp;xportar respuesta (FHIR)…</translation>
    </message>
    <message>
        <source>Write the Da Vinci PAS response of the signed case</source>
        <translation>Escribir la respuesta Da Vinci PAS del caso firmado</translation>
    </message>
    <message>
        <source>Import Request (FHIR)</source>
        <translation>Importar solicitud (FHIR)</translation>
    </message>
    <message>
        <source>FHIR JSON (*.json)</source>
        <translation>JSON de FHIR (*.json)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>Save New Case As</source>
        <translation>Guardar el nuevo caso como</translation>
    </message>
    <message>
        <source>ReviewDesk case (*.rdcase)</source>
        <translation>Caso de ReviewDesk (*.rdcase)</translation>
    </message>
    <message>
        <source>Export Response (FHIR)</source>
        <translation>Exportar respuesta (FHIR)</translation>
    </message>
    <message>
        <source>Writing the response…</source>
        <translation>Escribiendo la respuesta…</translation>
    </message>
    <message>
        <source>Response written to %1.</source>
        <translation>Respuesta escrita en %1.</translation>
    </message>
</context>
<context>
    <name>rd::FhirImportDialog</name>
    <message>
        <source>Import Request (FHIR)</source>
        <translation>Importar solicitud (FHIR)</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Solicitud:</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Miembro:</translation>
    </message>
    <message>
        <source>%1 (%2), born %3</source>
        <translation>%1 (%2), nacido/a el %3</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Proveedor:</translation>
    </message>
    <message>
        <source>Codes:</source>
        <translation>Códigos:</translation>
    </message>
    <message>
        <source>Urgency:</source>
        <translation>Urgencia:</translation>
    </message>
    <message>
        <source>expedited</source>
        <translation>acelerada</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>estándar</translation>
    </message>
    <message>
        <source>Service date:</source>
        <translation>Fecha del servicio:</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>Documentos:</translation>
    </message>
    <message>
        <source>Received (from %1):</source>
        <translation>Recibida (según %1):</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>Sin advertencias.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s):</source>
        <translation>
            <numerusform>%n advertencia:</numerusform>
            <numerusform>%n advertencias:</numerusform>
        </translation>
    </message>
    <message>
        <source>Create the Case…</source>
        <translation>Crear el caso…</translation>
    </message>
</context>
<context>
    <name>rd::HelpActions</name>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>&amp;About ReviewDesk</source>
        <translation>&amp;Acerca de ReviewDesk</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Queue: type to search (Ctrl+F), arrows to choose, Enter to open a case,
  Alt+Right / Alt+Left  sort column      Alt+Up / Alt+Down  order

Checklist (answer keys act only while it has the keyboard):
  M  met            N  not met / no        U  unknown
  Y  yes, the exclusion applies
  1–9  toggle an indication type
  J, Page Down, Alt+Right  next judgment
  K, Page Up, Alt+Left  previous judgment
  S, Alt+End  summary
  E  edit the note (Esc saves and returns)
  C  cite the selected passage or search hit      L  go to the citations
  F6 / Shift+F6  checklist, request panel, document
  Ctrl+Z / Ctrl+Shift+Z  undo / redo an answer
  Ctrl+R  route the case      Ctrl+Shift+D  sign off
  Ctrl+1  queue      Ctrl+2  case

Attachment (when it has the focus):
  Page Down / Page Up  next / previous page (not judgment)
  Ctrl+F  search      Ctrl+C  copy the selection      C  cite it
  Ctrl++ / Ctrl+-, Ctrl+wheel  zoom      Ctrl+Right / Ctrl+Left  rotate</source>
        <translation>Cola: escriba para buscar (Ctrl+F), flechas para elegir, Intro para abrir un caso,
  Alt+Derecha / Alt+Izquierda  columna de orden      Alt+Arriba / Alt+Abajo  sentido

Lista de verificación (las teclas de respuesta solo actúan cuando tiene el teclado):
  M  cumple            N  no cumple / no        U  desconocido
  Y  sí, la exclusión aplica
  1–9  marcar o desmarcar un tipo de indicación
  J, Av Pág, Alt+Derecha  valoración siguiente
  K, Re Pág, Alt+Izquierda  valoración anterior
  S, Alt+Fin  resumen
  E  editar la nota (Esc guarda y vuelve)
  C  citar el pasaje seleccionado o el resultado de búsqueda      L  ir a las citas
  F6 / Mayús+F6  lista, panel de la solicitud, documento
  Ctrl+Z / Ctrl+Mayús+Z  deshacer / rehacer una respuesta
  Ctrl+R  tramitar el caso      Ctrl+Mayús+D  firmar
  Ctrl+1  cola      Ctrl+2  caso

Documento adjunto (cuando tiene el foco):
  Av Pág / Re Pág  página siguiente / anterior (no valoración)
  Ctrl+F  buscar      Ctrl+C  copiar la selección      C  citarla
  Ctrl++ / Ctrl+-, Ctrl+rueda  zoom      Ctrl+Derecha / Ctrl+Izquierda  girar</translation>
    </message>
    <message>
        <source>About ReviewDesk</source>
        <translation>Acerca de ReviewDesk</translation>
    </message>
    <message>
        <source>ReviewDesk %1
Utilization review workstation for motion analysis (CPT 96000–96002, 96004).</source>
        <translation>ReviewDesk %1
Estación de revisión de utilización para el análisis del movimiento (CPT 96000–96002, 96004).</translation>
    </message>
</context>
<context>
    <name>rd::JudgmentPage</name>
    <message>
        <source>Indication types (keys 1–9)</source>
        <translation>Tipos de indicación (teclas 1–9)</translation>
    </message>
    <message>
        <source>Cite selection  [C]</source>
        <translation>Citar la selección  [C]</translation>
    </message>
    <message>
        <source>Remove citation</source>
        <translation>Quitar la cita</translation>
    </message>
    <message>
        <source>Note for this judgment (E to edit, Esc to save and return)</source>
        <translation>Nota de esta valoración (E para editar, Esc para guardar y volver)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Citations</source>
        <translation>Citas</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Política</translation>
    </message>
    <message>
        <source>Reviewer guidance</source>
        <translation>Guía para el revisor</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Citations (Enter opens the page, Delete removes)</source>
        <translation>Citas (Intro abre la página, Supr la quita)</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Cumple</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>No cumple</translation>
    </message>
    <message>
        <source>Yes, applies</source>
        <translation>Sí, aplica</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Paso %1 de %2</translation>
    </message>
    <message>
        <source>Exclusion</source>
        <translation>Exclusión</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterio</translation>
    </message>
    <message>
        <source>Yes, applies  [Y]</source>
        <translation>Sí, aplica  [Y]</translation>
    </message>
    <message>
        <source>Met  [M]</source>
        <translation>Cumple  [M]</translation>
    </message>
    <message>
        <source>No  [N]</source>
        <translation>No  [N]</translation>
    </message>
    <message>
        <source>Not met  [N]</source>
        <translation>No cumple  [N]</translation>
    </message>
    <message>
        <source>Unknown  [U]</source>
        <translation>Desconocido  [U]</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, página %2</translation>
    </message>
    <message>
        <source>: “%1”</source>
        <translation>: «%1»</translation>
    </message>
    <message>
        <source>: marked area</source>
        <translation>: área marcada</translation>
    </message>
    <message>
        <source>policy: %1</source>
        <translation>política: %1</translation>
    </message>
    <message>
        <source>applies to %1</source>
        <translation>se aplica a %1</translation>
    </message>
    <message>
        <source>Which types apply (keys 1–%1)</source>
        <translation>Qué tipos corresponden (teclas 1–%1)</translation>
    </message>
</context>
<context>
    <name>rd::LoginDialog</name>
    <message>
        <source>Who is working?</source>
        <translation>¿Quién está trabajando?</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Start Working</source>
        <translation>&amp;Empezar a trabajar</translation>
    </message>
    <message>
        <source>Choose who is working on this computer and enter their password. Everything recorded is signed with their key; the role is the organization roster&apos;s.</source>
        <translation>Elija quién trabaja en este equipo e introduzca su contraseña. Todo lo que se registra se firma con su clave; el rol es el del registro de la organización.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Contr&amp;aseña:</translation>
    </message>
    <message>
        <source>Login %1 · key %2</source>
        <translation>Usuario %1 · clave %2</translation>
    </message>
    <message>
        <source>Unlocking the key…</source>
        <translation>Desbloqueando la clave…</translation>
    </message>
    <message>
        <source>No people are set up on this computer yet, so cases open read-only. Add them with &quot;reviewdesk-cli user add&quot; (the folder is %1).</source>
        <translation>Aún no hay personas configuradas en este equipo, así que los casos se abren en solo lectura. Añádalas con &quot;reviewdesk-cli user add&quot; (la carpeta es %1).</translation>
    </message>
    <message>
        <source>Reading the team workspace&apos;s roster, unlocking the key…</source>
        <translation>Leyendo el registro del espacio de equipo, desbloqueando la clave…</translation>
    </message>
</context>
<context>
    <name>rd::MainWindow</name>
    <message>
        <source>The policy could not be loaded: %1</source>
        <translation>No se pudo cargar la política: %1</translation>
    </message>
    <message>
        <source>reviewer</source>
        <translation>revisor</translation>
    </message>
    <message>
        <source>&amp;Open Case…</source>
        <translation>&amp;Abrir caso…</translation>
    </message>
    <message>
        <source>Open a case file</source>
        <translation>Abrir un archivo de caso</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>Abrir &amp;carpeta…</translation>
    </message>
    <message>
        <source>Show the case queue of a folder</source>
        <translation>Mostrar la cola de casos de una carpeta</translation>
    </message>
    <message>
        <source>&amp;Close Case</source>
        <translation>C&amp;errar caso</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Case &amp;Queue</source>
        <translation>&amp;Cola de casos</translation>
    </message>
    <message>
        <source>Open &amp;Case</source>
        <translation>Caso &amp;abierto</translation>
    </message>
    <message>
        <source>&amp;Refresh Queue</source>
        <translation>Actuali&amp;zar la cola</translation>
    </message>
    <message>
        <source>&amp;Find in Queue</source>
        <translation>&amp;Buscar en la cola</translation>
    </message>
    <message>
        <source>&amp;Route Case…</source>
        <translation>&amp;Tramitar caso…</translation>
    </message>
    <message>
        <source>Finalize, pend for information or send to the medical director, as the decision says</source>
        <translation>Finalizar, dejar pendiente de información o enviar al director médico, según indique la decisión</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Revisión</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>%1 is neither a case file nor a folder.</source>
        <translation>%1 no es un archivo de caso ni una carpeta.</translation>
    </message>
    <message>
        <source>Open Case</source>
        <translation>Abrir caso</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardado</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Solo lectura: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 [read-only]</source>
        <translation>%1 [solo lectura]</translation>
    </message>
    <message>
        <source>%1 — ReviewDesk</source>
        <translation>%1 — ReviewDesk</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>ReviewDesk</source>
        <translation>ReviewDesk</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>&amp;Sign Off…</source>
        <translation>&amp;Firmar…</translation>
    </message>
    <message>
        <source>Review the decision per line, override with a rationale, preview the letters and sign the determination</source>
        <translation>Revisar la decisión por línea, modificarla con una justificación, ver las cartas y firmar la determinación</translation>
    </message>
    <message>
        <source>Undo the last answer (Ctrl+Z)</source>
        <translation>Deshacer la última respuesta (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo the answer undone (Ctrl+Shift+Z)</source>
        <translation>Rehacer la respuesta deshecha (Ctrl+Mayús+Z)</translation>
    </message>
    <message>
        <source>S&amp;witch Person…</source>
        <translation>Ca&amp;mbiar de persona…</translation>
    </message>
    <message>
        <source>Log in as another person (their password unlocks their key)</source>
        <translation>Iniciar sesión como otra persona (su contraseña desbloquea su clave)</translation>
    </message>
    <message>
        <source>%1

Reopen the case to go on with the file as it is now?</source>
        <translation>%1

¿Volver a abrir el caso para continuar con el archivo tal como está ahora?</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Volver a abrir</translation>
    </message>
    <message>
        <source>Team Workspace</source>
        <translation>Espacio de equipo</translation>
    </message>
    <message>
        <source>The workspace URL holds a password. Passwords never go in a URL: the app takes them from PGPASSFILE or ~/.pgpass.</source>
        <translation>La URL del espacio de equipo contiene una contraseña. Las contraseñas nunca van en una URL: la aplicación las toma de PGPASSFILE o de ~/.pgpass.</translation>
    </message>
    <message>
        <source>case %1 (team workspace)</source>
        <translation>caso %1 (espacio de equipo)</translation>
    </message>
    <message>
        <source>Team workspace — ReviewDesk</source>
        <translation>Espacio de equipo — ReviewDesk</translation>
    </message>
</context>
<context>
    <name>rd::PdfAttachmentViewer</name>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>%1 cannot be shown.

%2

The checklist stays available.</source>
        <translation>No se puede mostrar %1.

%2

La lista de verificación sigue disponible.</translation>
    </message>
</context>
<context>
    <name>rd::PdfPageView</name>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Page %1 could not be displayed: %2</source>
        <translation>No se pudo mostrar la página %1: %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Página %1</translation>
    </message>
    <message>
        <source>This page may be incomplete: the PDF has errors on it.</source>
        <translation>Es posible que esta página esté incompleta: el PDF tiene errores en ella.</translation>
    </message>
</context>
<context>
    <name>rd::PdfSearchPanel</name>
    <message>
        <source>Search text…</source>
        <translation>Buscar texto…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s), page %1 of %2</source>
        <translation>
            <numerusform>%n resultado, página %1 de %2</numerusform>
            <numerusform>%n resultados, página %1 de %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n resultado</numerusform>
            <numerusform>%n resultados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n page(s) could not be searched)</source>
        <translation>
            <numerusform> (no se pudo buscar en %n página)</numerusform>
            <numerusform> (no se pudo buscar en %n páginas)</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter: search, then the next result; F3 / Shift+F3: next / previous</source>
        <translation>Intro: buscar y luego el resultado siguiente; F3 / Mayús+F3: siguiente / anterior</translation>
    </message>
    <message>
        <source>Result %1 of %2</source>
        <translation>Resultado %1 de %2</translation>
    </message>
</context>
<context>
    <name>rd::PdfViewer</name>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>Ir a la página</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Página</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Ajustar a la página</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>Alejar (Ctrl+rueda)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>Acercar (Ctrl+rueda)</translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation>Girar a la izquierda</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>Girar a la derecha</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Select text</source>
        <translation>Seleccionar texto</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Select an area (scanned pages) as evidence</source>
        <translation>Seleccionar un área (páginas escaneadas) como evidencia</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the selected text</source>
        <translation>Copiar el texto seleccionado</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>No document</source>
        <translation>Ningún documento</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>Wrong password. This PDF is protected: enter its password.</source>
        <translation>Contraseña incorrecta. Este PDF está protegido: introduzca su contraseña.</translation>
    </message>
    <message>
        <source>This PDF is protected: enter its password.</source>
        <translation>Este PDF está protegido: introduzca su contraseña.</translation>
    </message>
    <message>
        <source>%1 could not be displayed: %2</source>
        <translation>No se pudo mostrar %1: %2</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>de %1</translation>
    </message>
</context>
<context>
    <name>rd::QueueView</name>
    <message>
        <source>Search member, ID, code or reviewer (Ctrl+F)</source>
        <translation>Buscar afiliado, ID, código o revisor (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Buscar casos</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtro de estado</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Casos abiertos</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Todos los casos</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation>Cola de casos</translation>
    </message>
    <message>
        <source>%1 (folder not found)</source>
        <translation>%1 (carpeta no encontrada)</translation>
    </message>
    <message>
        <source>Cases: %1</source>
        <translation>Casos: %1</translation>
    </message>
    <message>
        <source>Cases: %1 of %2</source>
        <translation>Casos: %1 de %2</translation>
    </message>
    <message>
        <source> · overdue: %1</source>
        <translation> · vencidos: %1</translation>
    </message>
    <message>
        <source>No case files in this folder. Open another folder with Ctrl+Shift+O.</source>
        <translation>No hay archivos de caso en esta carpeta. Abra otra carpeta con Ctrl+Mayús+O.</translation>
    </message>
    <message>
        <source>No case matches the search or the status filter.</source>
        <translation>Ningún caso coincide con la búsqueda o el filtro de estado.</translation>
    </message>
    <message>
        <source>Sorted by %1, %2.</source>
        <translation>Ordenado por %1, %2.</translation>
    </message>
    <message>
        <source>ascending</source>
        <translation>ascendente</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>descendente</translation>
    </message>
    <message>
        <source>Folder of the queue</source>
        <translation>Carpeta de la cola</translation>
    </message>
</context>
<context>
    <name>rd::RequestPanel</name>
    <message>
        <source>MMM d, yyyy</source>
        <comment>date format (QDate)</comment>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>Show or hide the request</source>
        <translation>Mostrar u ocultar la solicitud</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>age %1</source>
        <translation>%1 años</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>vence %1</translation>
    </message>
    <message>
        <source>Request: %1</source>
        <translation>Solicitud: %1</translation>
    </message>
    <message>
        <source>age %1 on the service date</source>
        <translation>%1 años en la fecha del servicio</translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>nació el %1</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Afiliado</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>no indicado</translation>
    </message>
    <message>
        <source> · NPI %1</source>
        <translation> · NPI %1</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Solicitado</translation>
    </message>
    <message>
        <source>policy example: %1</source>
        <translation>ejemplo de la política: %1</translation>
    </message>
    <message>
        <source>Erratum: %1</source>
        <translation>Errata: %1</translation>
    </message>
    <message>
        <source>none given: every line pends for the diagnosis codes</source>
        <translation>ninguno: todas las líneas quedan pendientes de los códigos de diagnóstico</translation>
    </message>
    <message>
        <source>Diagnoses</source>
        <translation>Diagnósticos</translation>
    </message>
    <message>
        <source>Clinical question</source>
        <translation>Pregunta clínica</translation>
    </message>
    <message>
        <source>none given in the request (look for it in the records)</source>
        <translation>no figura en la solicitud (búsquela en los registros)</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgencia</translation>
    </message>
    <message>
        <source>Expedited (72 hours)</source>
        <translation>Acelerada (72 horas)</translation>
    </message>
    <message>
        <source>Standard (7 days)</source>
        <translation>Estándar (7 días)</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <source>MMM d, yyyy, HH:mm</source>
        <comment>date format (QDateTime)</comment>
        <translation>d MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Service date</source>
        <translation>Fecha del servicio</translation>
    </message>
    <message>
        <source>Prior study</source>
        <translation>Estudio previo</translation>
    </message>
    <message>
        <source>none reported</source>
        <translation>no se informó ninguno</translation>
    </message>
    <message>
        <source>Letter language</source>
        <translation>Idioma de las cartas</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Policy notes</source>
        <translation>Notas de la política</translation>
    </message>
    <message>
        <source>⚠ overdue by %1</source>
        <translation>⚠ vencido hace %1</translation>
    </message>
    <message>
        <source>due in %1</source>
        <translation>vence en %1</translation>
    </message>
</context>
<context>
    <name>rd::SignoffDialog</name>
    <message>
        <source>approve</source>
        <translation>aprobar</translation>
    </message>
    <message>
        <source>deny</source>
        <translation>denegar</translation>
    </message>
    <message>
        <source>pend</source>
        <translation>dejar pendiente</translation>
    </message>
    <message>
        <source>Sign Off — %1</source>
        <translation>Firmar — %1</translation>
    </message>
    <message>
        <source>Decision per line</source>
        <translation>Decisión por línea</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Motor de reglas</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Medical director</source>
        <translation>Director médico</translation>
    </message>
    <message>
        <source>The reviewer&apos;s judgments and evidence</source>
        <translation>Valoraciones y evidencia del revisor</translation>
    </message>
    <message>
        <source>The letter&apos;s free text</source>
        <translation>Texto libre de la carta</translation>
    </message>
    <message>
        <source>The clinical rationale for this member, in plain words (required for a denial; also the written rationale of every override)</source>
        <translation>La justificación clínica para este afiliado, en palabras sencillas (obligatoria para una denegación; también es la justificación escrita de cada modificación)</translation>
    </message>
    <message>
        <source>The same in Spanish, for the Spanish letter (optional)</source>
        <translation>Lo mismo en español, para la carta en español (opcional)</translation>
    </message>
    <message>
        <source>What additional information could change the decision (optional)</source>
        <translation>Qué información adicional podría cambiar la decisión (opcional)</translation>
    </message>
    <message>
        <source>&amp;Rationale:</source>
        <translation>&amp;Justificación:</translation>
    </message>
    <message>
        <source>Rationale (&amp;Spanish):</source>
        <translation>Justificación (en e&amp;spañol):</translation>
    </message>
    <message>
        <source>&amp;What could change it:</source>
        <translation>&amp;Qué podría cambiarla:</translation>
    </message>
    <message>
        <source>Letter (English)</source>
        <translation>Carta (inglés)</translation>
    </message>
    <message>
        <source>Letter (Spanish)</source>
        <translation>Carta (español)</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Su contraseña</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Contr&amp;aseña:</translation>
    </message>
    <message>
        <source>&amp;Sign Determination</source>
        <translation>&amp;Firmar la determinación</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>E&amp;xportar PDF…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Im&amp;primir…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>as the engine decided</source>
        <translation>como decidió el motor de reglas</translation>
    </message>
    <message>
        <source>approve (override)</source>
        <translation>aprobar (modificación)</translation>
    </message>
    <message>
        <source>deny (override)</source>
        <translation>denegar (modificación)</translation>
    </message>
    <message>
        <source>No judgments recorded.</source>
        <translation>No hay valoraciones registradas.</translation>
    </message>
    <message>
        <source>Signed by %1 on %2 UTC. The case is now read-only.</source>
        <translation>Firmado por %1 el %2 UTC. El caso ahora es de solo lectura.</translation>
    </message>
    <message>
        <source>&lt;p&gt;No determination letter: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;No hay carta de determinación: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>nothing to show</source>
        <translation>nada que mostrar</translation>
    </message>
    <message>
        <source>Ready to sign: %1. Signing records &quot;%2&quot; with the time, and makes the case read-only.</source>
        <translation>Listo para firmar: %1. La firma registra «%2» con la hora y deja el caso en solo lectura.</translation>
    </message>
    <message>
        <source>Signing is blocked:
%1</source>
        <translation>No se puede firmar:
%1</translation>
    </message>
    <message>
        <source>Unlocking your signing key…</source>
        <translation>Desbloqueando su clave de firma…</translation>
    </message>
    <message>
        <source>the case was not signed</source>
        <translation>el caso no se firmó</translation>
    </message>
    <message>
        <source>Not Signed</source>
        <translation>No firmado</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportar PDF</translation>
    </message>
    <message>
        <source>Export Letter as PDF</source>
        <translation>Exportar la carta como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Member&apos;s &amp;language (exported and printed letter):</source>
        <translation>&amp;Idioma del afiliado (carta exportada e impresa):</translation>
    </message>
    <message>
        <source>Medical director&apos;s decision on %1</source>
        <translation>Decisión del director médico sobre %1</translation>
    </message>
    <message>
        <source>This case is open read-only (%1): it cannot be signed here.</source>
        <translation>Este caso está abierto solo para lectura (%1): no se puede firmar aquí.</translation>
    </message>
    <message>
        <source>Close Sign-Off</source>
        <translation>Cerrar la firma</translation>
    </message>
    <message>
        <source>The text you typed is not signed and will be lost. Close the sign-off window?</source>
        <translation>El texto que escribió no está firmado y se perderá. ¿Cerrar la ventana de firma?</translation>
    </message>
    <message>
        <source>⚠ These answers contradict each other:</source>
        <translation>⚠ Estas respuestas se contradicen:</translation>
    </message>
    <message>
        <source>The same in Spanish: required for a denial, the member reads Spanish</source>
        <translation>Lo mismo en español: obligatorio para una denegación, el afiliado lee en español</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Firmando…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) · %6 · requested by %3 · signing as &lt;b&gt;%4&lt;/b&gt;, %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) · %6 · solicitado por %3 · firma &lt;b&gt;%4&lt;/b&gt;, %5</translation>
    </message>
</context>
<context>
    <name>rd::SignoffFlow</name>
    <message>
        <source>Sign Off</source>
        <translation>Firmar</translation>
    </message>
    <message>
        <source>Finalize Case</source>
        <translation>Finalizar el caso</translation>
    </message>
    <message>
        <source>The case cannot be signed yet:
• %1

Sign Off (Ctrl+Shift+D) shows the decision and the letters.</source>
        <translation>Todavía no se puede firmar el caso:
• %1

Firmar (Ctrl+Mayús+D) muestra la decisión y las cartas.</translation>
    </message>
    <message>
        <source>Every line is approved.

Sign the determination as %1 and make the approval letter?</source>
        <translation>Todas las líneas están aprobadas.

¿Firmar la determinación como %1 y generar la carta de aprobación?</translation>
    </message>
    <message>
        <source>Signing the determination in the workspace…</source>
        <translation>Firmando la determinación en el espacio de trabajo…</translation>
    </message>
    <message>
        <source>Signed; the letter is made. Sign Off (Ctrl+Shift+D) shows, exports and prints it.</source>
        <translation>Firmado; la carta está hecha. Firmar (Ctrl+Mayús+D) la muestra, la exporta y la imprime.</translation>
    </message>
    <message>
        <source>Signed; the signature verifies.</source>
        <translation>Firmado; la firma es válida.</translation>
    </message>
    <message>
        <source>Signature Does Not Verify</source>
        <translation>La firma no es válida</translation>
    </message>
    <message>
        <source>%1 was changed after it was signed, or its signature is not valid:

%2</source>
        <translation>%1 se modificó después de firmarse, o su firma no es válida:

%2</translation>
    </message>
    <message>
        <source>Case %1 of the team workspace</source>
        <translation>El caso %1 del espacio de trabajo del equipo</translation>
    </message>
    <message>
        <source>case %1 (team workspace)</source>
        <translation>caso %1 (espacio de equipo)</translation>
    </message>
    <message>
        <source>%1

Nothing was signed: the workspace could not be reached. Sign again once the case is writable; the app reconnects by itself.</source>
        <translation>%1

No se firmó nada: no se pudo contactar con el espacio de trabajo. Vuelva a firmar cuando el caso admita cambios; la aplicación se vuelve a conectar sola.</translation>
    </message>
</context>
<context>
    <name>rd::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Route case…  [Ctrl+R]</source>
        <translation>Tramitar caso…  [Ctrl+R]</translation>
    </message>
    <message>
        <source>Decision summary</source>
        <translation>Resumen de la decisión</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Denegado</translation>
    </message>
    <message>
        <source>Partially approved</source>
        <translation>Aprobado parcialmente</translation>
    </message>
    <message>
        <source>Pended</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Denegada</translation>
    </message>
    <message>
        <source>Pend</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>The case cannot be decided yet:</source>
        <translation>Todavía no se puede decidir el caso:</translation>
    </message>
    <message>
        <source>Decision due by %1 (%2)</source>
        <translation>Decisión antes del %1 (%2)</translation>
    </message>
    <message>
        <source>A denied line requires the medical director&apos;s determination.</source>
        <translation>Una línea denegada requiere la determinación del director médico.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Missing information</source>
        <translation>Información que falta</translation>
    </message>
    <message>
        <source>Advisories (they do not change the decision)</source>
        <translation>Avisos (no cambian la decisión)</translation>
    </message>
    <message>
        <source>Policy %1, version %2</source>
        <translation>Política %1, versión %2</translation>
    </message>
    <message>
        <source>ddd MMM d yyyy, HH:mm</source>
        <comment>date format (QDateTime)</comment>
        <translation>ddd d MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>Not answered yet: %1 (counted as unknown).</source>
        <translation>Sin responder todavía: %1 (cuentan como desconocidas).</translation>
    </message>
    <message>
        <source>Routing (Ctrl+R) pends the case for information.</source>
        <translation>Al tramitar (Ctrl+R), el caso queda pendiente de información.</translation>
    </message>
    <message>
        <source>Routing (Ctrl+R) sends the case to the medical director.</source>
        <translation>Al tramitar (Ctrl+R), el caso se envía al director médico.</translation>
    </message>
    <message>
        <source>Routing (Ctrl+R) finalizes the case: signed, the approval letter made.</source>
        <translation>Tramitar (Ctrl+R) finaliza el caso: queda firmado y se genera la carta de aprobación.</translation>
    </message>
</context>
<context>
    <name>rd::TeamMode</name>
    <message>
        <source>&amp;Take Next Case</source>
        <translation>&amp;Tomar el siguiente caso</translation>
    </message>
    <message>
        <source>Take the most urgent case nobody holds from your queue, and open it</source>
        <translation>Tomar de su cola el caso más urgente que nadie tiene, y abrirlo</translation>
    </message>
    <message>
        <source>Route to &amp;Medical Director</source>
        <translation>Enviar al director &amp;médico</translation>
    </message>
    <message>
        <source>Send the case to the medical directors&apos; queue and let go of it</source>
        <translation>Enviar el caso a la cola de los directores médicos y soltarlo</translation>
    </message>
    <message>
        <source>Re&amp;lease Case</source>
        <translation>So&amp;ltar el caso</translation>
    </message>
    <message>
        <source>Put the case back in its queue, held by nobody</source>
        <translation>Devolver el caso a su cola, sin que nadie lo tenga</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Equipo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>medical director</source>
        <translation>director médico</translation>
    </message>
    <message>
        <source>reviewer</source>
        <translation>revisor</translation>
    </message>
    <message>
        <source>nobody logged in</source>
        <translation>nadie ha iniciado sesión</translation>
    </message>
    <message>
        <source>Workspace Password</source>
        <translation>Contraseña del espacio de equipo</translation>
    </message>
    <message>
        <source>The team workspace asks for the password of %1 (the database&apos;s password, not the one of your key). It is kept in memory until you quit.</source>
        <translation>El espacio de equipo pide la contraseña de %1 (la de la base de datos, no la de su clave). Se guarda en memoria hasta que salga de la aplicación.</translation>
    </message>
    <message>
        <source>Still opening case %1…</source>
        <translation>Todavía se está abriendo el caso %1…</translation>
    </message>
    <message>
        <source>Opening case %1…</source>
        <translation>Abriendo el caso %1…</translation>
    </message>
    <message>
        <source>Open Case</source>
        <translation>Abrir caso</translation>
    </message>
    <message>
        <source>Case %1 could not be read from its working copy.</source>
        <translation>No se pudo leer el caso %1 de su copia de trabajo.</translation>
    </message>
    <message>
        <source>Taking the next case…</source>
        <translation>Tomando el siguiente caso…</translation>
    </message>
    <message>
        <source>Take Next Case</source>
        <translation>Tomar el siguiente caso</translation>
    </message>
    <message>
        <source>The medical directors&apos; queue has no case nobody holds.</source>
        <translation>La cola de los directores médicos no tiene ningún caso libre.</translation>
    </message>
    <message>
        <source>The review queue has no case nobody holds.</source>
        <translation>La cola de revisión no tiene ningún caso libre.</translation>
    </message>
    <message>
        <source>Case %1 is in the medical directors&apos; queue.</source>
        <translation>El caso %1 está en la cola de los directores médicos.</translation>
    </message>
    <message>
        <source>Route to Medical Director</source>
        <translation>Enviar al director médico</translation>
    </message>
    <message>
        <source>Case %1 is back in its queue, held by nobody.</source>
        <translation>El caso %1 ha vuelto a su cola, sin que nadie lo tenga.</translation>
    </message>
    <message>
        <source>Team Workspace</source>
        <translation>Espacio de equipo</translation>
    </message>
    <message>
        <source>⚠ workspace unreachable: read-only, reconnecting…</source>
        <translation>⚠ espacio de equipo inalcanzable: solo lectura, reconectando…</translation>
    </message>
    <message numerus="yes">
        <source>Saving %n answer(s)…</source>
        <translation>
            <numerusform>Guardando %n respuesta…</numerusform>
            <numerusform>Guardando %n respuestas…</numerusform>
        </translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Solo lectura: %1</translation>
    </message>
    <message>
        <source>Held by you · every answer saved</source>
        <translation>Lo tiene usted · todas las respuestas guardadas</translation>
    </message>
    <message>
        <source>Take T&amp;his Case</source>
        <translation>Tomar &amp;este caso</translation>
    </message>
    <message>
        <source>Hold the open case, which its holder let go of, and work on it</source>
        <translation>Retener el caso abierto, que su titular ha soltado, y trabajar en él</translation>
    </message>
    <message>
        <source>Take This Case</source>
        <translation>Tomar este caso</translation>
    </message>
    <message>
        <source>%1 on this computer</source>
        <translation>%1 en este equipo</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 en %2</translation>
    </message>
</context>
<context>
    <name>rd::WorkspaceCaseLink</name>
    <message>
        <source>%1: no clinical record can be added: %2</source>
        <translation>%1: no se puede añadir ningún documento clínico: %2</translation>
    </message>
    <message>
        <source>the case is not open</source>
        <translation>el caso no está abierto</translation>
    </message>
</context>
<context>
    <name>rd::WorkspaceQueueModel</name>
    <message>
        <source>Medical director</source>
        <translation>Director médico</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · expedited</source>
        <translation>%1 · acelerada</translation>
    </message>
    <message>
        <source>%1, signed</source>
        <translation>%1, firmado</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Afiliado</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Lo tiene</translation>
    </message>
</context>
<context>
    <name>rd::WorkspaceQueueView</name>
    <message>
        <source>Team queue</source>
        <translation>Cola del equipo</translation>
    </message>
    <message>
        <source>Team workspace %1</source>
        <translation>Espacio de equipo %1</translation>
    </message>
    <message>
        <source>Team workspace %1 · %2</source>
        <translation>Espacio de equipo %1 · %2</translation>
    </message>
    <message>
        <source>⚠ workspace unreachable: reconnecting by itself…</source>
        <translation>⚠ espacio de equipo inalcanzable: reconectando solo…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s), updated as they change</source>
        <translation>
            <numerusform>%n caso, actualizado al cambiar</numerusform>
            <numerusform>%n casos, actualizados al cambiar</numerusform>
        </translation>
    </message>
</context>
</TS>
