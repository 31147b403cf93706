#include "ui/signoff/SignoffDialog.h"

#include "model/letters/LetterPdf.h"
#include "ui/MessageBox.h"
#include "ui/Palette.h"
#include "ui/checklist/JudgmentPage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace rd {

namespace {

QString outcomeLabel(LineOutcome outcome)
{
    switch (outcome) {
    case LineOutcome::Approve:
        return SignoffDialog::tr("approve");
    case LineOutcome::Deny:
        return SignoffDialog::tr("deny");
    case LineOutcome::Pend:
        return SignoffDialog::tr("pend");
    }
    return {};
}

QPlainTextEdit* textBox(const QString& placeholder, QWidget* parent)
{
    auto* box = new QPlainTextEdit(parent);
    box->setPlaceholderText(placeholder);
    box->setTabChangesFocus(true);
    box->setMaximumHeight(70);
    return box;
}

// A case file open for writing on this thread: signed in place (a local write, as every answer is).
class FileTarget : public SignoffTarget
{
public:
    explicit FileTarget(CaseFile* file)
        : m_file(file)
    {}
    const CaseStore& store() const override { return *m_file; }
    QString readOnlyReason() const override
    {
        return m_file->isReadOnly() ? m_file->readOnlyReason() : QString();
    }
    QString caseLabel() const override { return QFileInfo(m_file->path()).fileName(); }
    QString letterFolder() const override { return QFileInfo(m_file->path()).absolutePath(); }
    QString letterBaseName() const override { return QFileInfo(m_file->path()).completeBaseName(); }
    void sign(const Signoff& signoff, const User& signer, std::shared_ptr<const SigningKey> key,
              const SignoffInput& input, Done done) override
    {
        QString error;
        const bool ok = signoff.sign(*m_file, signer, *key, input, &error);
        done(ok, error);
    }

private:
    CaseFile* m_file;
};

} // namespace

SignoffDialog::SignoffDialog(CaseFile* file, const Signoff& signoff, const UserDirectory& directory,
                             const User& signer, QWidget* parent)
    : SignoffDialog(std::make_unique<FileTarget>(file), signoff, directory, signer, parent)
{}

SignoffDialog::SignoffDialog(std::unique_ptr<SignoffTarget> target, const Signoff& signoff,
                             const UserDirectory& directory, const User& signer, QWidget* parent)
    : QDialog(parent)
    , m_target(std::move(target))
    , m_signoff(signoff)
    , m_directory(directory)
    , m_signer(signer)
    , m_lines(new QTableWidget(this))
    , m_judgments(new QTextBrowser(this))
    , m_letters(new QTabWidget(this))
    , m_letterEn(new QTextBrowser(this))
    , m_letterEs(new QTextBrowser(this))
    , m_problems(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_unlock(new QFutureWatcher<Unlocked>(this))
{
    setObjectName(QStringLiteral("SignoffDialog"));
    const CaseStore* file = &store();
    setWindowTitle(tr("Sign Off — %1").arg(file->data().member.id));
    resize(1280, 860);
    m_engineDecision = m_signoff.finalDecision(file->data(), {});

    auto* layout = new QVBoxLayout(this);
    auto* header = new QLabel(
        tr("<b>%1</b> (%2) · %6 · requested by %3 · signing as <b>%4</b>, %5")
            .arg(file->data().member.name.toHtmlEscaped(), file->data().member.id.toHtmlEscaped(),
                 file->data().provider.name.toHtmlEscaped(), m_signer.printedName().toHtmlEscaped(),
                 LetterText::roleTitle(m_signer.role, QStringLiteral("en")).toLower(),
                 m_target->caseLabel().toHtmlEscaped()),
        this);
    layout->addWidget(header);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* linesBox = new QGroupBox(tr("Decision per line"), left);
    auto* linesLayout = new QVBoxLayout(linesBox);
    m_lines->setColumnCount(5);
    m_lines->setHorizontalHeaderLabels(
        {tr("Code"), tr("Service"), tr("Engine"), tr("Reasons"), tr("Medical director")});
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_lines->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Interactive);
    m_lines->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_lines->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_lines->horizontalHeader()->setSectionResizeMode(4, QHeaderView::ResizeToContents);
    m_lines->setColumnWidth(1, 170);
    m_lines->verticalHeader()->hide();
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setWordWrap(true);
    // Every row as tall as its wrapped text, whatever the column widths become.
    m_lines->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    linesLayout->addWidget(m_lines);
    leftLayout->addWidget(linesBox, 3);

    auto* judgmentsBox = new QGroupBox(tr("The reviewer's judgments and evidence"), left);
    auto* judgmentsLayout = new QVBoxLayout(judgmentsBox);
    judgmentsLayout->addWidget(m_judgments);
    leftLayout->addWidget(judgmentsBox, 2);

    auto* textsBox = new QGroupBox(tr("The letter's free text"), left);
    auto* form = new QFormLayout(textsBox);
    m_rationale = textBox(tr("The clinical rationale for this member, in plain words (required for a denial; "
                             "also the written rationale of every override)"),
                          textsBox);
    // The member who reads Spanish gets a letter wholly in Spanish: then the rationale in Spanish is needed.
    m_rationaleEs = textBox(file->data().member.language == QLatin1String("es")
                                ? tr("The same in Spanish: required for a denial, the member reads Spanish")
                                : tr("The same in Spanish, for the Spanish letter (optional)"),
                            textsBox);
    m_additional = textBox(tr("What additional information could change the decision (optional)"), textsBox);
    const QMap<QString, QString> fields = file->letterFields();
    m_rationale->setPlainText(fields.value(LetterField::clinicalRationale()));
    m_rationaleEs->setPlainText(fields.value(LetterField::clinicalRationale() + QStringLiteral(".es")));
    m_additional->setPlainText(fields.value(LetterField::additionalInformation()));
    form->addRow(tr("&Rationale:"), m_rationale);
    form->addRow(tr("Rationale (&Spanish):"), m_rationaleEs);
    form->addRow(tr("&What could change it:"), m_additional);
    leftLayout->addWidget(textsBox);
    splitter->addWidget(left);

    // The letters are paper: their HTML sets black text, so they are shown on white in any palette
    // (a dark palette's base would leave the text unreadable), like the PDF pages.
    m_lines->setAccessibleName(tr("Decision per line"));
    // Tab goes through each line's choice and on out of the table (arrows move within it).
    m_lines->setTabKeyNavigation(false);
    m_judgments->setAccessibleName(tr("The reviewer's judgments and evidence"));
    m_letterEn->setAccessibleName(tr("Letter (English)"));
    m_letterEs->setAccessibleName(tr("Letter (Spanish)"));
    for (QTextBrowser* letter : {m_letterEn, m_letterEs}) {
        QPalette paper = letter->palette();
        paper.setColor(QPalette::Base, Qt::white);
        paper.setColor(QPalette::Text, Qt::black);
        letter->setPalette(paper);
    }
    m_letters->addTab(m_letterEn, tr("Letter (English)"));
    m_letters->addTab(m_letterEs, tr("Letter (Spanish)"));
    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* languageRow = new QHBoxLayout;
    m_language = new QComboBox(right);
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(tr("Spanish"), QStringLiteral("es"));
    auto* languageLabel = new QLabel(tr("Member's &language (exported and printed letter):"), right);
    languageLabel->setBuddy(m_language);
    languageRow->addWidget(languageLabel);
    languageRow->addWidget(m_language);
    languageRow->addStretch(1);
    rightLayout->addLayout(languageRow);
    rightLayout->addWidget(m_letters, 1);
    // The member chose the language of their letters; the workstation's language is the interface's.
    m_language->setCurrentIndex(qMax(0, m_language->findData(file->data().member.language)));
    m_letters->setCurrentIndex(m_language->currentIndex());
    connect(m_language, &QComboBox::currentIndexChanged, m_letters, &QTabWidget::setCurrentIndex);
    splitter->addWidget(right);
    splitter->setSizes({700, 580});
    layout->addWidget(splitter, 1);

    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_problems);

    auto* bottom = new QHBoxLayout;
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Your password"));
    auto* passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    bottom->addWidget(passwordLabel);
    bottom->addWidget(m_password, 1);
    m_sign = new QPushButton(tr("&Sign Determination"), this);
    m_export = new QPushButton(tr("&Export PDF…"), this);
    m_print = new QPushButton(tr("&Print…"), this);
    auto* close = new QPushButton(tr("&Close"), this);
    bottom->addWidget(m_sign);
    bottom->addWidget(m_export);
    bottom->addWidget(m_print);
    bottom->addWidget(close);
    layout->addLayout(bottom);

    connect(m_sign, &QPushButton::clicked, this, &SignoffDialog::sign);
    connect(m_export, &QPushButton::clicked, this, &SignoffDialog::exportPdf);
    connect(m_print, &QPushButton::clicked, this, &SignoffDialog::print);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_password, &QLineEdit::textChanged, this, &SignoffDialog::refresh);
    connect(m_password, &QLineEdit::returnPressed, this, [this] {
        if (m_sign->isEnabled())
            sign();
    });
    for (QPlainTextEdit* box : {m_rationale, m_rationaleEs, m_additional})
        connect(box, &QPlainTextEdit::textChanged, this, &SignoffDialog::refresh);
    connect(m_unlock, &QFutureWatcher<Unlocked>::finished, this, &SignoffDialog::keyUnlocked);
    // A workspace case turns read-only when the server is lost, and writable again when it is back.
    connect(m_target.get(), &SignoffTarget::changed, this, [this] {
        if (!m_signing && m_target->readOnlyReason() != m_shownReadOnlyReason)
            refresh();
    });

    fillLines();
    fillJudgments();
    refresh();
    // The keyboard starts where the work is: the rationale a denial needs, else the password.
    const bool needsRationale =
        m_engineDecision.physicianReviewRequired && m_rationale->toPlainText().isEmpty();
    (needsRationale && !store().isSigned() ? static_cast<QWidget*>(m_rationale) : m_password)->setFocus();
}

bool SignoffDialog::hasUnsavedText() const
{
    if (store().isSigned())
        return false;
    if (!m_password->text().isEmpty())
        return true;
    const QMap<QString, QString> saved = store().letterFields();
    const QMap<QString, QString> typed = letterFields();
    for (auto it = typed.cbegin(); it != typed.cend(); ++it)
        if (it.value() != saved.value(it.key()).trimmed())
            return true;
    return false;
}

void SignoffDialog::reject()
{
    // Not while the signature is on its way to the workspace: its answer is shown here.
    if (m_signing)
        return;
    // Typed text (a rationale can take a while to write) is not dropped without a word.
    if (hasUnsavedText() &&
        MessageBox::question(
            this, tr("Close Sign-Off"),
            tr("The text you typed is not signed and will be lost. Close the sign-off window?"),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Discard)
        return;
    QDialog::reject();
}

SignoffDialog::~SignoffDialog()
{
    m_unlock->waitForFinished();
}

bool SignoffDialog::isSigned() const
{
    return store().isSigned();
}

void SignoffDialog::fillLines()
{
    const Policy& policy = m_signoff.policy();
    const QList<LineOverride> existing = store().overrides();
    m_lines->setRowCount(int(m_engineDecision.lines.size()));
    for (int row = 0; row < m_engineDecision.lines.size(); ++row) {
        const LineDecision& line = m_engineDecision.lines.at(row);
        QStringList reasons;
        for (const Reason& reason : line.reasons)
            reasons.append(QStringLiteral("%1: %2").arg(reason.id, reason.text));
        m_lines->setItem(row, 0, new QTableWidgetItem(line.code));
        m_lines->setItem(
            row, 1, new QTableWidgetItem(LetterText::codeWords(policy, line.code, QStringLiteral("en"))));
        m_lines->setItem(row, 2, new QTableWidgetItem(outcomeLabel(line.decision)));
        m_lines->setItem(row, 3, new QTableWidgetItem(reasons.join(QLatin1Char('\n'))));
        // In a cell of its own, so that it keeps its height when the wrapped text makes the row tall.
        auto* cell = new QWidget(m_lines);
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(4, 2, 4, 2);
        auto* choice = new QComboBox(cell);
        cellLayout->addWidget(choice, 0, Qt::AlignVCenter);
        choice->setAccessibleName(tr("Medical director's decision on %1").arg(line.code));
        choice->addItem(tr("as the engine decided"), QString());
        choice->addItem(tr("approve (override)"), QStringLiteral("approve"));
        choice->addItem(tr("deny (override)"), QStringLiteral("deny"));
        for (const LineOverride& item : existing)
            if (item.code == line.code)
                choice->setCurrentIndex(choice->findData(toString(item.decision)));
        choice->setEnabled(m_signer.role == UserRole::MedicalDirector && !store().isSigned());
        connect(choice, &QComboBox::currentIndexChanged, this, &SignoffDialog::refresh);
        m_lines->setCellWidget(row, 4, cell);
    }
    m_lines->resizeRowsToContents();
}

void SignoffDialog::fillJudgments()
{
    const Policy& policy = m_signoff.policy();
    QString html;
    // The reviewer's answers that contradict each other come first: the director decides on them.
    const QList<Reason> contradictions = Engine(policy).contradictions(store().data());
    if (!contradictions.isEmpty()) {
        html += QStringLiteral("<p style='color:%1'><b>%2</b></p><ul>")
                    .arg(palette::tone(palette::Tone::Caution).name(),
                         tr("⚠ These answers contradict each other:").toHtmlEscaped());
        for (const Reason& item : contradictions)
            html += QStringLiteral("<li>%1</li>").arg(item.text.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    for (const Judgment& judgment : policy.judgments) {
        const auto answer = store().data().answers.constFind(judgment.id);
        if (answer == store().data().answers.cend())
            continue;
        html +=
            QStringLiteral("<p><b>%1</b> — %2")
                .arg(judgment.title.toHtmlEscaped(), JudgmentPage::valueLabel(answer->value).toHtmlEscaped());
        if (!answer->types.isEmpty())
            html += QStringLiteral(" (%1)").arg(answer->types.join(QStringLiteral(", ")).toHtmlEscaped());
        if (!answer->note.isEmpty())
            html += QStringLiteral("<br><i>%1</i>").arg(answer->note.toHtmlEscaped());
        for (const Evidence& item : answer->evidence)
            html += QStringLiteral("<br>&nbsp;&nbsp;%1, p. %2: “%3”")
                        .arg(item.attachment.toHtmlEscaped())
                        .arg(item.page)
                        .arg(item.quote.toHtmlEscaped());
        html += QStringLiteral("</p>");
    }
    m_judgments->setHtml(html.isEmpty() ? tr("No judgments recorded.") : html);
}

QComboBox* SignoffDialog::lineChoice(int row) const
{
    const QWidget* cell = m_lines->cellWidget(row, 4);
    return cell ? cell->findChild<QComboBox*>() : nullptr;
}

QList<LineOverride> SignoffDialog::overrides() const
{
    QList<LineOverride> result;
    const QString rationale = m_rationale->toPlainText().trimmed();
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        const QComboBox* choice = lineChoice(row);
        const QString decision = choice ? choice->currentData().toString() : QString();
        if (decision.isEmpty())
            continue;
        LineOverride item;
        item.code = m_lines->item(row, 0)->text();
        item.decision = decision == QLatin1String("approve") ? LineOutcome::Approve : LineOutcome::Deny;
        item.rationale = rationale;
        item.by = m_signer.login;
        result.append(item);
    }
    return result;
}

QMap<QString, QString> SignoffDialog::letterFields() const
{
    QMap<QString, QString> fields;
    fields.insert(LetterField::clinicalRationale(), m_rationale->toPlainText().trimmed());
    const QString spanish = m_rationaleEs->toPlainText().trimmed();
    if (!spanish.isEmpty() ||
        store().letterFields().contains(LetterField::clinicalRationale() + QStringLiteral(".es")))
        fields.insert(LetterField::clinicalRationale() + QStringLiteral(".es"), spanish);
    const QString additional = m_additional->toPlainText().trimmed();
    if (!additional.isEmpty() || store().letterFields().contains(LetterField::additionalInformation()))
        fields.insert(LetterField::additionalInformation(), additional);
    return fields;
}

void SignoffDialog::refresh()
{
    m_shownReadOnlyReason = m_target->readOnlyReason();
    const bool signedAlready = store().isSigned();
    if (signedAlready) {
        const auto signature = store().signature();
        m_letterEn->setHtml(signature->letters.value(QStringLiteral("en")));
        m_letterEs->setHtml(signature->letters.value(QStringLiteral("es")));
        m_problems->setText(tr("Signed by %1 on %2 UTC. The case is now read-only.")
                                .arg(m_signer.printedName().toHtmlEscaped(),
                                     signature->signedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
        m_problems->setStyleSheet(
            QStringLiteral("color: %1;").arg(palette::tone(palette::Tone::Good).name()));
        for (QWidget* widget :
             std::initializer_list<QWidget*>{m_rationale, m_rationaleEs, m_additional, m_password})
            widget->setEnabled(false);
        m_sign->setEnabled(false);
        m_export->setEnabled(true);
        m_print->setEnabled(true);
        return;
    }
    m_preview =
        m_signoff.preview(store(), m_signer, overrides(), letterFields(), QDateTime::currentDateTimeUtc());
    const QString noLetter = tr("<p>No determination letter: %1</p>")
                                 .arg(m_preview.problems.value(0, tr("nothing to show")).toHtmlEscaped());
    const bool pended = m_preview.decision.overall == OverallOutcome::Pended;
    for (const auto& [language, browser] :
         {std::pair{QStringLiteral("en"), m_letterEn}, std::pair{QStringLiteral("es"), m_letterEs}}) {
        if (m_preview.letters.contains(language)) {
            browser->setHtml(m_preview.letters.value(language).html);
        } else if (pended) {
            // A pended case is not signed: its letter is the request for information, as it is sent.
            QString error;
            const auto letter = m_signoff.letterFor(store(), language, false, &error);
            browser->setHtml(letter ? letter->html : noLetter);
        } else {
            browser->setHtml(noLetter);
        }
    }
    if (isReadOnly()) {
        m_problems->setText(tr("This case is open read-only (%1): it cannot be signed here.")
                                .arg(m_target->readOnlyReason()));
        m_problems->setStyleSheet(QStringLiteral("color: #a00000;"));
    } else if (m_preview.problems.isEmpty()) {
        m_problems->setText(tr("Ready to sign: %1. Signing records \"%2\" with the time, and makes the case "
                               "read-only.")
                                .arg(toString(m_preview.decision.overall),
                                     LetterText::meaning(m_signer, QStringLiteral("en"))));
        m_problems->setStyleSheet(QString());
    } else {
        QStringList items;
        for (const QString& problem : std::as_const(m_preview.problems))
            items.append(QStringLiteral("• ") + problem);
        m_problems->setText(tr("Signing is blocked:\n%1").arg(items.join(QLatin1Char('\n'))));
        m_problems->setStyleSheet(QStringLiteral("color: %1;").arg(palette::tone(palette::Tone::Bad).name()));
    }
    m_sign->setEnabled(m_preview.problems.isEmpty() && !m_password->text().isEmpty() && !m_signing &&
                       !isReadOnly());
    m_export->setEnabled(!m_preview.letters.isEmpty() ||
                         m_preview.decision.overall == OverallOutcome::Pended);
    m_print->setEnabled(m_export->isEnabled());
}

void SignoffDialog::setLineDecision(const QString& code, const QString& decision)
{
    for (int row = 0; row < m_lines->rowCount(); ++row)
        if (m_lines->item(row, 0)->text() == code)
            if (QComboBox* choice = lineChoice(row))
                choice->setCurrentIndex(choice->findData(decision));
}

void SignoffDialog::setRationale(const QString& text)
{
    m_rationale->setPlainText(text);
}

void SignoffDialog::setPassword(const QString& password)
{
    m_password->setText(password);
}

QString SignoffDialog::letterHtml(const QString& language) const
{
    if (const auto signature = store().signature())
        return signature->letters.value(language);
    return m_preview.letters.value(language).html;
}

void SignoffDialog::sign()
{
    if (m_signing || !m_preview.problems.isEmpty() || isReadOnly())
        return;
    m_signing = true;
    m_sign->setEnabled(false);
    m_problems->setText(tr("Unlocking your signing key…"));
    const UserDirectory directory = m_directory;
    const QString login = m_signer.login;
    const QByteArray password = m_password->text().toUtf8();
    m_password->clear();
    // Argon2id takes a moment on purpose: off the GUI thread.
    m_unlock->setFuture(QtConcurrent::run([directory, login, password] {
        Unlocked unlocked;
        unlocked.key = directory.unlock(login, password, &unlocked.error);
        return unlocked;
    }));
}

void SignoffDialog::keyUnlocked()
{
    const Unlocked unlocked = m_unlock->result();
    if (!unlocked.key) {
        finishSigning(unlocked.error);
        return;
    }
    SignoffInput input;
    input.login = m_signer.login;
    input.overrides = overrides();
    input.letterFields = letterFields();
    m_problems->setText(tr("Signing…"));
    QPointer<SignoffDialog> guard(this);
    m_target->sign(m_signoff, m_signer, unlocked.key, input, [guard](bool ok, const QString& error) {
        if (guard)
            guard->finishSigning(ok ? QString() : error.isEmpty() ? tr("the case was not signed") : error);
    });
}

void SignoffDialog::finishSigning(const QString& error)
{
    m_signing = false;
    refresh();
    if (!error.isEmpty()) {
        MessageBox::warning(this, tr("Not Signed"), error);
        Q_EMIT signingFinished(false, error);
        return;
    }
    for (int row = 0; row < m_lines->rowCount(); ++row)
        if (QComboBox* choice = lineChoice(row))
            choice->setEnabled(false);
    // The letter is what comes next: Enter exports it.
    m_export->setDefault(true);
    m_export->setFocus();
    Q_EMIT signingFinished(true, QString());
}

std::optional<Letter> SignoffDialog::currentLetter(QString* error) const
{
    const QString language = m_language->currentData().toString();
    return m_signoff.letterFor(store(), language, true, error);
}

void SignoffDialog::exportPdf()
{
    QString error;
    const auto letter = currentLetter(&error);
    if (!letter) {
        MessageBox::warning(this, tr("Export PDF"), error);
        return;
    }
    const QString suggested =
        QDir(m_target->letterFolder())
            .absoluteFilePath(QStringLiteral("%1-%2-%3.pdf")
                                  .arg(m_target->letterBaseName(), toString(letter->kind), letter->language));
    const QString target =
        QFileDialog::getSaveFileName(this, tr("Export Letter as PDF"), suggested, tr("PDF files (*.pdf)"));
    if (target.isEmpty())
        return;
    // The same foot as reviewdesk-cli letter: in the letter's language, with the audit head.
    const QList<AuditEntry> trail = store().auditTrail();
    const QString footer = LetterText::footer(
        m_signoff.plan().name, store().data().member.id, store().caseId(), letter->language,
        trail.isEmpty() ? 0 : trail.last().seq, trail.isEmpty() ? QByteArray() : trail.last().hash);
    if (!LetterPdf::write(letter->html, target, m_signoff.plan().name, footer, letter->language, &error))
        MessageBox::warning(this, tr("Export PDF"), error);
}

void SignoffDialog::print()
{
    QString error;
    const auto letter = currentLetter(&error);
    if (!letter) {
        MessageBox::warning(this, tr("Print"), error);
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::Letter));
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QTextDocument document;
    LetterPdf::layout(document, letter->html);
    document.print(&printer);
}

} // namespace rd
