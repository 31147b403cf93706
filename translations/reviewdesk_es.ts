<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies the next time ReviewDesk starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Utilization review workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case file to open, or a folder whose queue to show.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::CaseQueueModel</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pended for information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting medical director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Determined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — overdue by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cannot be read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expedited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::CaseSession</name>
    <message>
        <source>This case is open read-only: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::CaseView</name>
    <message>
        <source>&amp;Attachment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be shown; the checklist stays available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n page(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This case has no attachments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a passage in the attachment first, then cite it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cited %1, page %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cited attachment %1 is not in this case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: never opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: pages %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This case is open read-only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case cannot be decided yet:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information is missing:
• %1

Pend the case for information?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least one line would be denied. A denial is made and signed by the medical director.

Route the case to the medical director?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before routing a denial: these pages were never opened.
• %1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every line is approved. Finalize the case as determined?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case routed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>determined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pended for information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>awaiting medical director</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::ChecklistView</name>
    <message>
        <source>Checklist steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add indication type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove indication type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer &amp;Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an exclusion: Y if it applies, N if not, U for unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer &amp;Yes (exclusion applies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a criterion: M if met, N if not met, U for unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer &amp;Not met / No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer &amp;Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ext judgment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous judgment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First judgment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cite selection for this judgment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to c&amp;itations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle indication type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy could not be loaded, so the checklist cannot be shown. The attachments can still be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met: now choose the indication type(s) with keys 1–%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add type “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove type “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to a judgment first: a citation supports one judgment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passage is already cited for this judgment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cite page %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove citation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ¶%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■  Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::JudgmentPage</name>
    <message>
        <source>Indication types (keys 1–9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cite selection  [C]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove citation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for this judgment (E to edit, Esc to save and return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Citations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer guidance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Citations (Enter opens the page, Delete removes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · applies to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, applies  [Y]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met  [M]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No  [N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not met  [N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown  [U]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1   %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: marked area</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::MainWindow</name>
    <message>
        <source>Case files (*.%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the case queue of a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Case from JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a case file from a case JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a &amp;Copy As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case &amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find in Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Route Case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finalize, pend for information or send to the medical director, as the decision says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ReviewDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is neither a case file nor a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 [read-only]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — ReviewDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReviewDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Case from JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save New Case As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a Copy As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue: type to search (Ctrl+F), arrows to choose, Enter to open a case.

Checklist:
  M  met            N  not met / no        U  unknown
  Y  yes, the exclusion applies
  1–9  toggle an indication type
  J, Page Down, Alt+Right  next judgment
  K, Page Up, Alt+Left  previous judgment
  S, Alt+End  summary
  E  edit the note (Esc saves and returns)
  C  cite the selected passage      L  go to the citations
  Ctrl+Z / Ctrl+Shift+Z  undo / redo an answer
  Ctrl+R  route the case      Ctrl+1  queue      Ctrl+2  case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ReviewDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReviewDesk %1
Utilization review workstation for motion analysis (CPT 96000–96002, 96004).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::PageListViewer</name>
    <message>
        <source>Opening the attachment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Page:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;ssage to cite:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste the passage from this page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a PDF document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2

Page images are not available in this build: read this page in the original document, then type or paste the passage to cite below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cited area on page %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
(area %1 × %2 pt at %3, %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This attachment cannot be shown.

%1

The checklist stays available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rd::QueueView</name>
    <message>
        <source>Search member, ID, code or reviewer (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Listed %n case file(s) in %1 ms</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route case…  [Ctrl+R]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partially approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case cannot be decided yet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision due by %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A denied line requires the medical director&apos;s determination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n judgment(s) not answered yet (counted as unknown).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advisories (they do not change the decision)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy %1, version %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
