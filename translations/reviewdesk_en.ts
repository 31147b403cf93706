<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>rd::CaseView</name>
    <message numerus="yes">
        <source>%1 (%n page(s))</source>
        <translation>
            <numerusform>%1 (%n page)</numerusform>
            <numerusform>%1 (%n pages)</numerusform>
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
    <name>rd::QueueView</name>
    <message numerus="yes">
        <source>Listed %n case file(s) in %1 ms</source>
        <translation>
            <numerusform>Listed %n case file in %1 ms</numerusform>
            <numerusform>Listed %n case files in %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n case(s)</source>
        <translation>
            <numerusform>%1 of %n case</numerusform>
            <numerusform>%1 of %n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rd::SummaryPage</name>
    <message numerus="yes">
        <source>%n judgment(s) not answered yet (counted as unknown).</source>
        <translation>
            <numerusform>%n judgment not answered yet (counted as unknown).</numerusform>
            <numerusform>%n judgments not answered yet (counted as unknown).</numerusform>
        </translation>
    </message>
</context>
</TS>
