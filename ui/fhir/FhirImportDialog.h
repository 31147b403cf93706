// File > Import Request (FHIR): what a Da Vinci PAS request will become before the case is created —
// the member, the requested codes, the urgency, the documents and every warning of the import — and
// the receipt time, which the reviewer may correct (the due date counts from it; a correction is
// recorded with the import in the case's audit trail).
#pragma once

#include "model/fhir/FhirImport.h"

#include <QDateTime>
#include <QDialog>

class QDateTimeEdit;

namespace rd {

class FhirImportDialog : public QDialog
{
    Q_OBJECT
public:
    FhirImportDialog(const QString& bundlePath, const FhirImport& preview, QWidget* parent = nullptr);

    // The receipt time when the reviewer changed it; invalid when the Bundle's own stands.
    QDateTime correctedReceivedAt() const;

private:
    QDateTimeEdit* m_receivedAt = nullptr;
    QDateTime m_original;
};

} // namespace rd
