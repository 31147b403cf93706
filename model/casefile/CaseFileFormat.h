// The on-disk format of a case file (.rdcase): a SQLite database.
// Versions are constants; CaseFile dispatches its reader on them.
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
// 3: adds fhir_origin (the FHIR origin of a case imported from a Da Vinci PAS request, docs/fhir.md).
//    Older files have none and stay as they are.
inline constexpr int SchemaVersion3 = 3;
inline constexpr int CurrentSchemaVersion = SchemaVersion3;

inline constexpr const char* FileSuffix = "rdcase";

} // namespace rd::CaseFileFormat
