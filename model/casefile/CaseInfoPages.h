// The case_info row of a case file read straight from the file's pages (SQLite's file format), without
// opening the database: a few small reads, no connection, no schema parsed. Parsing the schema was about
// 60 % of the instructions of reading a summary through SQLite, and the queue reads one per file.
//
// Only for the queue's summary, which nothing trusts: anything unusual (a journal or WAL beside the file,
// another text encoding, a table it does not recognise, a write that changed the file meanwhile, a page
// that does not parse) gives nullopt, and the caller reads through SQLite, which also names what is wrong.
#pragma once

#include <QByteArrayList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rd {

class CaseInfoPages
{
public:
    // The values of the named columns of case_info's one row, in that order (a NULL as a null string).
    // nullopt too when the file has one of absentTables: what the caller needs from those takes SQLite.
    static std::optional<QStringList> read(const QString& path, const QByteArrayList& columns,
                                           const QByteArrayList& absentTables = {});
};

} // namespace rd
