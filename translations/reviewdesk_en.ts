<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>rd::CaseJobs</name>
    <message numerus="yes">
        <source>Creating the case: checking and storing %n attachment(s)…</source>
        <translation>
            <numerusform>Creating the case: checking and storing %n attachment…</numerusform>
            <numerusform>Creating the case: checking and storing %n attachments…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n clinical record(s) to case %1…</source>
        <translation>
            <numerusform>Adding %n clinical record to case %1…</numerusform>
            <numerusform>Adding %n clinical records to case %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n clinical record(s) to %1…</source>
        <translation>
            <numerusform>Adding %n clinical record to %1…</numerusform>
            <numerusform>Adding %n clinical records to %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clinical record(s) added.</source>
        <translation>
            <numerusform>%n clinical record added.</numerusform>
            <numerusform>%n clinical records added.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::CaseView</name>
    <message numerus="yes">
        <source>%n step(s) not answered yet (they count as unknown):
• %1

%2</source>
        <translation>
            <numerusform>%n step not answered yet (it counts as unknown):
• %1

%2</numerusform>
            <numerusform>%n steps not answered yet (they count as unknown):
• %1

%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::FhirImportDialog</name>
    <message numerus="yes">
        <source>%n warning(s):</source>
        <translation>
            <numerusform>%n warning:</numerusform>
            <numerusform>%n warnings:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::PdfSearchPanel</name>
    <message numerus="yes">
        <source>%n result(s), page %1 of %2</source>
        <translation>
            <numerusform>%n result, page %1 of %2</numerusform>
            <numerusform>%n results, page %1 of %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n page(s) could not be searched)</source>
        <translation>
            <numerusform> (%n page could not be searched)</numerusform>
            <numerusform> (%n pages could not be searched)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::TeamMode</name>
    <message numerus="yes">
        <source>Saving %n answer(s)…</source>
        <translation>
            <numerusform>Saving %n answer…</numerusform>
            <numerusform>Saving %n answers…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::WorkspaceQueueView</name>
    <message numerus="yes">
        <source>%n case(s), updated as they change</source>
        <translation>
            <numerusform>%n case, updated as it changes</numerusform>
            <numerusform>%n cases, updated as they change</numerusform>
        </translation>
    </message>
</context>
</TS>
