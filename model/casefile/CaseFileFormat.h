// The on-disk format of a case file (.rdcase): a SQLite database.
// Versions are constants; CaseFileSchema checks a file's version before anything reads it.
#pragma once

#include <cstdint>

namespace rd::CaseFileFormat {

// PRAGMA application_id: "RDC1" in ASCII, big-endian as SQLite stores it at header offset 68.
inline constexpr std::int32_t ApplicationId = 0x52444331;

// PRAGMA user_version: the schema version. A file newer than this is refused.
// 1: the first format.
// 2: adds member_contact (the member's letter language, mailing address and guardian). A version 1
//    file reads with the defaults (English, no address, no guardian) and stays version 1.
// 3: adds audit_signature: every audit entry signed by its actor's Ed25519 key. Versions 1 and 2
//    are refused with a message that says why: their entries were never signed, and no reader can
//    make them trustworthy after the fact.
inline constexpr int SchemaVersion1 = 1;
inline constexpr int SchemaVersion2 = 2;
// 4: adds fhir_origin (the FHIR origin of a case imported from a Da Vinci PAS request, docs/fhir.md),
//    covered by its signed fhir.import audit entry. A version 3 file has none; it is read and written
//    as it is and stays version 3 (docs/case-file-format.md says why).
inline constexpr int SchemaVersion3 = 3;
inline constexpr int SchemaVersion4 = 4;
inline constexpr int CurrentSchemaVersion = SchemaVersion4;

inline constexpr const char* FileSuffix = "rdcase";

} // namespace rd::CaseFileFormat
