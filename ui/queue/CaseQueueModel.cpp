#include "ui/queue/CaseQueueModel.h"

#include "checklist/ReviewEngine.h"
#include "model/casefile/CaseFileFormat.h"
#include "ui/DueClock.h"
#include "ui/Palette.h"
#include "ui/RunOnPool.h"

#include <QBrush>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QPromise>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>

namespace rd {

namespace {

struct FileStamp
{
    QDateTime modified;
    qint64 size = -1;
};

// Part of a listing, handed to the GUI thread as soon as it is read.
struct ScanResult
{
    bool fullListing = false;
    bool last = false;
    QStringList present; // every case file of the folder, in the last part of a full listing
    QList<CaseQueueModel::Row> rows;
    qint64 elapsedMs = 0;
};

// Two pools of the queue's own, never the global one: a scan blocks on its summary reads, and a blocking
// wait inside a pool on that same pool deadlocks once every thread of it is such a wait (two scans on a
// 2-core machine), which also starves Qt's own users of the global pool (image scaling while painting)
// and so freezes the GUI. Scans wait only on readers; readers never wait.
QThreadPool& scanPool()
{
    static QThreadPool pool;
    return pool;
}

QThreadPool& readPool()
{
    static QThreadPool pool;
    return pool;
}

// The first part is small, so that the first rows show at once; later parts are bigger, so that the GUI
// thread inserts rows a few times a second rather than once per file.
constexpr qsizetype FirstPartFiles = 16;
constexpr qsizetype PartFiles = 256;

CaseQueueModel::Row readRow(const QFileInfo& info)
{
    CaseQueueModel::Row row;
    row.path = info.absoluteFilePath();
    row.modified = info.lastModified();
    row.size = info.size();
    QString error;
    if (const auto summary = CaseFile::readSummary(row.path, &error)) {
        row.summary = *summary;
        row.dueBy = decisionDueBy(summary->urgency, summary->receivedAt);
    } else {
        row.error = error;
    }
    row.summary.path = row.path;
    return row;
}

// Runs on a pool thread: lists the folder and reads the summaries of new or changed files, handing each
// part to the GUI thread as soon as it is read; the last part says which files are there.
void scanFolder(QPromise<ScanResult>& promise, const QString& folder, const QHash<QString, FileStamp>& known)
{
    QElapsedTimer timer;
    timer.start();
    const QString pattern = QStringLiteral("*.") + QLatin1String(CaseFileFormat::FileSuffix);
    // Files are read while the folder is still being listed: the first part does not wait for the
    // listing of a long folder.
    QDirIterator it(folder, {pattern}, QDir::Files | QDir::Readable);
    QStringList present;
    QList<QFileInfo> toRead;
    qsizetype partSize = FirstPartFiles;
    for (;;) {
        const bool more = it.hasNext();
        if (more) {
            it.next();
            const QFileInfo info = it.fileInfo();
            const QString path = info.absoluteFilePath();
            present.append(path);
            const auto stamp = known.constFind(path);
            if (stamp == known.constEnd() || stamp->modified != info.lastModified() ||
                stamp->size != info.size())
                toRead.append(info);
            if (toRead.size() < partSize)
                continue;
        }
        if (promise.isCanceled())
            return;
        ScanResult part;
        part.fullListing = true;
        // The summaries are read on every core, in the readers' pool (this thread takes part).
        part.rows = QtConcurrent::blockingMapped(&readPool(), toRead, readRow);
        toRead.clear();
        partSize = PartFiles;
        part.last = !more;
        if (part.last)
            part.present = present;
        part.elapsedMs = timer.elapsed();
        promise.addResult(std::move(part));
        if (!more)
            return;
    }
}

ScanResult readPaths(const QStringList& paths)
{
    ScanResult result;
    result.last = true;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.exists())
            result.rows.append(readRow(info));
    }
    return result;
}

QString codesText(const QStringList& lines)
{
    return lines.join(QStringLiteral(", "));
}

} // namespace

CaseQueueModel::CaseQueueModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
    , m_clock(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &CaseQueueModel::rescan);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &CaseQueueModel::scheduleRescan);
    // The time left moves on by itself.
    m_clock->setInterval(60 * 1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, DueColumn), index(m_rows.size() - 1, DueColumn));
    });
    m_clock->start();
}

CaseQueueModel::~CaseQueueModel() = default;

void CaseQueueModel::setFolder(const QString& folder)
{
    const QString absolute = folder.isEmpty() ? QString() : QDir(folder).absolutePath();
    if (absolute == m_folder && !m_rows.isEmpty())
        return;
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    endResetModel();
    m_folder = absolute;
    ++m_generation;
    if (m_folder.isEmpty())
        return;
    m_watcher->addPath(m_folder);
    rescan();
}

void CaseQueueModel::scheduleRescan()
{
    m_debounce->start();
}

void CaseQueueModel::rescan()
{
    if (m_folder.isEmpty())
        return;
    QHash<QString, FileStamp> known;
    known.reserve(m_rows.size());
    for (const Row& row : std::as_const(m_rows))
        known.insert(row.path, {row.modified, row.size});
    const QString folder = m_folder;
    const quint64 generation = m_generation;
    ++m_pending;
    auto* watcher = new QFutureWatcher<ScanResult>(this);
    // Rows appear as their files are read.
    connect(watcher, &QFutureWatcher<ScanResult>::resultReadyAt, this,
            [this, watcher, generation](int index) {
                const ScanResult part = watcher->resultAt(index);
                if (part.last)
                    --m_pending;
                if (generation != m_generation)
                    return;
                mergeRows(part.rows);
                if (part.last)
                    finishListing(part.present, part.elapsedMs);
            });
    connect(watcher, &QFutureWatcher<ScanResult>::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(QtConcurrent::run(
        &scanPool(), [folder, known](QPromise<ScanResult>& promise) { scanFolder(promise, folder, known); }));
}

void CaseQueueModel::finishListing(const QStringList& files, qint64 elapsedMs)
{
    // Files that are gone.
    const QSet<QString> present(files.cbegin(), files.cend());
    bool removed = false;
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (present.contains(m_rows.at(row).path))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        removed = true;
    }
    if (removed) {
        m_index.clear();
        for (int row = 0; row < m_rows.size(); ++row)
            m_index.insert(m_rows.at(row).path, row);
    }
    Q_EMIT loaded(int(m_rows.size()), elapsedMs);
}

void CaseQueueModel::refreshCase(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(absolute).absolutePath() != m_folder)
        return;
    const quint64 generation = m_generation;
    ++m_pending;
    runOnPool(
        this, [absolute] { return readPaths({absolute}); },
        [this, generation](const ScanResult& result) {
            --m_pending;
            if (generation == m_generation)
                mergeRows(result.rows);
        });
}

void CaseQueueModel::mergeRows(const QList<Row>& rows)
{
    QList<Row> added;
    for (const Row& row : rows) {
        const auto it = m_index.constFind(row.path);
        if (it == m_index.constEnd()) {
            added.append(row);
            continue;
        }
        m_rows[*it] = row;
        Q_EMIT dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, m_rows.size(), m_rows.size() + added.size() - 1);
    for (const Row& row : std::as_const(added)) {
        m_index.insert(row.path, m_rows.size());
        m_rows.append(row);
    }
    endInsertRows();
}

int CaseQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaseQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CaseQueueModel::pathAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).path : QString();
}

int CaseQueueModel::rowOf(const QString& path) const
{
    return m_index.value(QFileInfo(path).absoluteFilePath(), -1);
}

QString CaseQueueModel::statusLabel(CaseStatus status)
{
    switch (status) {
    case CaseStatus::New:
        return tr("New");
    case CaseStatus::InReview:
        return tr("In review");
    case CaseStatus::PendedForInformation:
        return tr("Pended for information");
    case CaseStatus::AwaitingMedicalDirector:
        return tr("Awaiting medical director");
    case CaseStatus::Determined:
        return tr("Determined");
    }
    return {};
}

bool CaseQueueModel::isOverdue(const Row& row) const
{
    return row.error.isEmpty() && row.summary.status != CaseStatus::Determined && row.dueBy.isValid() &&
           row.dueBy < QDateTime::currentDateTimeUtc();
}

QString CaseQueueModel::timeLeftText(const Row& row) const
{
    return DueClock::text(row.dueBy, QDateTime::currentDateTimeUtc(),
                          row.summary.status == CaseStatus::Determined);
}

QVariant CaseQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows.at(index.row());
    const CaseSummary& s = row.summary;
    switch (role) {
    case PathRole:
        return row.path;
    case StatusRole:
        return row.error.isEmpty() ? QVariant(int(s.status)) : QVariant();
    case OverdueRole:
        return isOverdue(row);
    case SearchTextRole:
        return QStringList{s.memberId, s.memberName, codesText(s.lines), s.reviewer,
                           QFileInfo(row.path).fileName()}
            .join(QLatin1Char('\n'));
    case Qt::ToolTipRole:
        if (!row.error.isEmpty())
            return row.error;
        if (index.column() == MemberColumn)
            return QFileInfo(row.path).fileName();
        return data(index, Qt::DisplayRole);
    case Qt::ForegroundRole:
        if (!row.error.isEmpty())
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        if (index.column() == DueColumn && isOverdue(row))
            return QBrush(palette::tone(palette::Tone::Bad));
        return {};
    case Qt::FontRole:
        if (index.column() == DueColumn && isOverdue(row)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        break;
    }
    if (role == SortRole) {
        switch (index.column()) {
        case MemberColumn:
            return s.memberName.isEmpty() ? s.memberId : s.memberName;
        case CodesColumn:
            return codesText(s.lines);
        case UrgencyColumn:
            return s.urgency == Urgency::Expedited ? 0 : 1;
        case ReceivedColumn:
            return s.receivedAt;
        case DueColumn:
            // Open cases first by due time; determined ones last.
            return s.status == CaseStatus::Determined
                       ? QDateTime::fromSecsSinceEpoch(std::numeric_limits<int>::max())
                       : row.dueBy;
        case StatusColumn:
            return int(s.status);
        case ReviewerColumn:
            return s.reviewer;
        case RequestColumn:
            return s.traceNumber;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    if (!row.error.isEmpty())
        return index.column() == MemberColumn ? tr("%1 (cannot be read)").arg(QFileInfo(row.path).fileName())
                                              : QVariant();
    switch (index.column()) {
    case MemberColumn:
        return s.memberName.isEmpty() ? s.memberId : tr("%1 (%2)").arg(s.memberName, s.memberId);
    case CodesColumn:
        return codesText(s.lines);
    case UrgencyColumn:
        return s.urgency == Urgency::Expedited ? tr("Expedited") : tr("Standard");
    case ReceivedColumn:
        return QLocale().toString(s.receivedAt.toLocalTime(), tr("MMM d, HH:mm", "date format (QDateTime)"));
    case DueColumn:
        return timeLeftText(row);
    case StatusColumn:
        return statusLabel(s.status);
    case ReviewerColumn:
        return s.reviewer;
    case RequestColumn:
        return s.traceNumber;
    default:
        return {};
    }
}

QVariant CaseQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MemberColumn:
        return tr("Member");
    case CodesColumn:
        return tr("Codes");
    case UrgencyColumn:
        return tr("Urgency");
    case ReceivedColumn:
        return tr("Received");
    case DueColumn:
        return tr("Due by");
    case StatusColumn:
        return tr("Status");
    case ReviewerColumn:
        return tr("Reviewer");
    case RequestColumn:
        return tr("Request no.");
    default:
        return {};
    }
}

} // namespace rd
