#include "app/pdfworker/PdfWarmUpDocument.h"

#include <QList>

namespace rd {
namespace {

// zlib stream of data, as /FlateDecode wants it (qCompress puts a 4-byte length in front).
QByteArray flate(const QByteArray& data)
{
    return qCompress(data).mid(4);
}

} // namespace

QByteArray warmUpDocument()
{
    QByteArray content = "BT /F2 15 Tf 72 740 Td (Clinical record excerpt) Tj ET\n";
    for (int line = 0; line < 40; ++line)
        content += "BT /F1 10.5 Tf 72 " + QByteArray::number(712 - line * 14) +
                   " Td (Progress note: gait observed over ten metres; cadence and stride length "
                   "recorded, line " +
                   QByteArray::number(line + 1) + ".) Tj ET\n";
    content += "q 0.5 w 0 0 0 RG 66 120 480 40 re S Q\n"
               "q 300 0 0 200 156 130 cm /Im1 Do Q\n"
               "BT /F1 8 Tf 72 40 Td (Synthetic warm-up page) Tj ET\n";
    QByteArray scan;
    scan.reserve(256 * 160);
    for (int y = 0; y < 160; ++y)
        for (int x = 0; x < 256; ++x)
            scan += char(200 + ((x * 7 + y * 13) % 56));

    const QList<QByteArray> objects = {
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        "/Resources<</Font<</F1 5 0 R/F2 6 0 R>>/XObject<</Im1 7 0 R>>>>>>",
        "<</Length " + QByteArray::number(flate(content).size()) + "/Filter/FlateDecode>>stream\n" +
            flate(content) + "\nendstream",
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica-Bold/Encoding/WinAnsiEncoding>>",
        "<</Type/XObject/Subtype/Image/Width 256/Height 160/ColorSpace/DeviceGray/BitsPerComponent 8"
        "/Length " +
            QByteArray::number(flate(scan).size()) + "/Filter/FlateDecode>>stream\n" + flate(scan) +
            "\nendstream",
    };
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<</Size " + QByteArray::number(objects.size() + 1) + "/Root 1 0 R>>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace rd
