// The on-disk format of a case file (.rdcase): a SQLite database.
// One reader reads every version: opening refuses a version newer than CurrentSchemaVersion, and
// the reader skips the tables an older version does not have (member_contact before version 2).
#pragma once

#include <cstdint>

namespace rd::CaseFileFormat {

// PRAGMA application_id: "RDC1" in ASCII, big-endian as SQLite stores it at header offset 68.
inline constexpr std::int32_t ApplicationId = 0x52444331;

// PRAGMA user_version: the schema version. A file newer than this is refused.
// 1: the first format.
// 2: adds member_contact (the member's letter language, mailing address and guardian). A version 1
//    file reads with the defaults (English, no address, no guardian) and stays version 1.
inline constexpr int SchemaVersion1 = 1;
inline constexpr int SchemaVersion2 = 2;
inline constexpr int CurrentSchemaVersion = SchemaVersion2;

inline constexpr const char* FileSuffix = "rdcase";

} // namespace rd::CaseFileFormat
