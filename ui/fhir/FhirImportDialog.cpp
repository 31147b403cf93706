#include "ui/fhir/FhirImportDialog.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

FhirImportDialog::FhirImportDialog(const QString& bundlePath, const FhirImport& preview, QWidget* parent)
    : QDialog(parent)
    , m_original(preview.data.request.receivedAt)
{
    setWindowTitle(tr("Import Request (FHIR)"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    const CaseData& request = preview.data;
    form->addRow(tr("Request:"), new QLabel(QFileInfo(bundlePath).fileName(), this));
    form->addRow(tr("Member:"),
                 new QLabel(tr("%1 (%2), born %3")
                                .arg(request.member.name, request.member.id,
                                     QLocale().toString(request.member.birthDate, QLocale::ShortFormat)),
                            this));
    form->addRow(tr("Provider:"), new QLabel(request.provider.name, this));
    form->addRow(tr("Codes:"), new QLabel(request.request.lines.join(QStringLiteral(", ")), this));
    form->addRow(
        tr("Urgency:"),
        new QLabel(request.request.urgency == Urgency::Expedited ? tr("expedited") : tr("standard"), this));
    form->addRow(tr("Service date:"),
                 new QLabel(QLocale().toString(request.request.serviceDate, QLocale::ShortFormat), this));
    form->addRow(tr("Documents:"), new QLabel(QString::number(preview.documents.size()), this));
    m_receivedAt = new QDateTimeEdit(m_original, this);
    m_receivedAt->setTimeSpec(Qt::UTC);
    m_receivedAt->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    m_receivedAt->setCalendarPopup(true);
    m_receivedAt->setObjectName(QStringLiteral("receivedAt"));
    form->addRow(tr("Received (from %1):").arg(preview.receivedAtSource), m_receivedAt);
    layout->addLayout(form);

    layout->addWidget(new QLabel(preview.warnings.isEmpty()
                                     ? tr("No warnings.")
                                     : tr("%n warning(s):", nullptr, int(preview.warnings.size())),
                                 this));
    auto* warnings = new QListWidget(this);
    warnings->setObjectName(QStringLiteral("warnings"));
    warnings->addItems(preview.warnings);
    warnings->setWordWrap(true);
    warnings->setAlternatingRowColors(true);
    warnings->setSpacing(3);
    warnings->setMinimumWidth(640);
    layout->addWidget(warnings);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create the Case…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QDateTime FhirImportDialog::correctedReceivedAt() const
{
    const QDateTime chosen = m_receivedAt->dateTime().toUTC();
    // The editor shows minutes: an unchanged value keeps the Bundle's own time to the second.
    if (chosen.toString(QStringLiteral("yyyyMMddHHmm")) ==
        m_original.toString(QStringLiteral("yyyyMMddHHmm")))
        return {};
    return chosen;
}

} // namespace rd
