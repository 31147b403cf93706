// The medical director's sign-off: the reviewer's judgments with their evidence, the decision per
// line (the engine's, and the physician's override with its written rationale), the letters as they
// will be sent (English and Spanish), what still blocks signing, and signing with the password.
// After signing, the letter can be exported as PDF or printed.
#pragma once

#include "model/casefile/CaseFile.h"
#include "model/signoff/Signoff.h"
#include "ui/signoff/SignoffTarget.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QTextBrowser;

namespace rd {

class SignoffDialog : public QDialog
{
    Q_OBJECT
public:
    // target: the open case, read for the preview and signed through (SignoffTarget). signer: who is
    // working.
    SignoffDialog(std::unique_ptr<SignoffTarget> target, const Signoff& signoff,
                  const UserDirectory& directory, const User& signer, QWidget* parent = nullptr);
    // A case file open for writing, signed in place.
    SignoffDialog(CaseFile* file, const Signoff& signoff, const UserDirectory& directory, const User& signer,
                  QWidget* parent = nullptr);
    ~SignoffDialog() override;

    // For tests and for the dialog's own controls.
    void setLineDecision(const QString& code, const QString& decision); // "", "approve", "deny"
    void setRationale(const QString& text);
    void setPassword(const QString& password);
    QStringList problems() const { return m_preview.problems; }
    QString letterHtml(const QString& language) const;
    QPushButton* signButton() const { return m_sign; }
    bool isSigned() const;
    // Starts signing (the key is unlocked off the GUI thread, a workspace case signed on its own);
    // signingFinished() tells the outcome.
    void sign();
    bool isSigning() const { return m_signing; }
    // Rationale, other free text or a password typed and not signed yet.
    bool hasUnsavedText() const;
    QComboBox* languageChoice() const { return m_language; }
    QTextBrowser* judgmentsView() const { return m_judgments; }

public Q_SLOTS:
    // Esc and Close: asks first when typed text would be lost.
    void reject() override;

Q_SIGNALS:
    void signingFinished(bool ok, const QString& message);

private:
    void refresh();
    void fillLines();
    void fillJudgments();
    QList<LineOverride> overrides() const;
    QComboBox* lineChoice(int row) const; // the medical director's decision on that line
    QMap<QString, QString> letterFields() const;
    // The key is unlocked (or not): the target signs.
    void keyUnlocked();
    void finishSigning(const QString& error);
    const CaseStore& store() const { return m_target->store(); }
    bool isReadOnly() const { return !m_target->readOnlyReason().isEmpty(); }
    void exportPdf();
    void print();
    std::optional<Letter> currentLetter(QString* error) const;

    std::unique_ptr<SignoffTarget> m_target;
    bool m_signing = false;        // from the password given to the target's answer
    QString m_shownReadOnlyReason; // the target's state shown last (refreshed when it changes)
    Signoff m_signoff;
    const UserDirectory& m_directory;
    User m_signer;
    SignoffPreview m_preview;
    Decision m_engineDecision;

    QTableWidget* m_lines = nullptr;
    QTextBrowser* m_judgments = nullptr;
    QPlainTextEdit* m_rationale = nullptr;
    QPlainTextEdit* m_rationaleEs = nullptr;
    QPlainTextEdit* m_additional = nullptr;
    QTabWidget* m_letters = nullptr;
    QComboBox* m_language = nullptr;
    QTextBrowser* m_letterEn = nullptr;
    QTextBrowser* m_letterEs = nullptr;
    QLabel* m_problems = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_sign = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_print = nullptr;
    // The key, or why it could not be unlocked: the pool thread hands both back and writes no member.
    struct Unlocked
    {
        std::shared_ptr<SigningKey> key;
        QString error;
    };
    QFutureWatcher<Unlocked>* m_unlock = nullptr;
};

} // namespace rd
