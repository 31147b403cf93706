// The case queue screen: search box, status filter, the table of cases of one folder.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace rd {

class CaseQueueFilter;
class CaseQueueModel;

class QueueView : public QWidget
{
    Q_OBJECT
public:
    explicit QueueView(QWidget* parent = nullptr);

    CaseQueueModel* model() const { return m_model; }
    CaseQueueFilter* filter() const { return m_filter; }
    QTableView* table() const { return m_table; }
    void setFolder(const QString& folder);
    // A folder as the queue shows it: from the home folder ("~/Cases") when it is in it, as a shell
    // shows it, so that the reviewer reads where the cases are rather than a path of the machine.
    static QString shownFolder(const QString& path);
    QString currentPath() const;
    void focusSearch();
    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);
    // How a queue's table behaves (this one, the team workspace's): rows chosen one at a time, read only,
    // one line per case, Tab leaving the table.
    static void setUpQueueTable(QTableView* table);

Q_SIGNALS:
    void openRequested(const QString& path);
    void statusMessage(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCount();

    CaseQueueModel* m_model = nullptr;
    CaseQueueFilter* m_filter = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QLabel* m_folderLabel = nullptr;
    QLabel* m_count = nullptr;
    QTimer* m_countTimer = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace rd
