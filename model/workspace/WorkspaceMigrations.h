// The workspace schema's later migrations, one constant each (WorkspaceSchema applies them in order,
// each in the transaction that sets its version number). Versions 1 and 2 are in WorkspaceSchema.cpp.
#pragma once

namespace rd::WorkspaceMigrations {

// Holding a case by session, recorded in its queue row (not by an advisory lock anyone can take);
// rows keyed as the case file keys them; audit entries dated by the server's clock.
extern const char holderSessions[];

// Reading coverage kept by the server (rd.page_view): insert-only, each person's own rows.
extern const char pageViews[];

// Roster serials step by at most 1000; a new case's id is a UUID; a signature row is its holder's own
// signing (its case.sign entry names its digest).
extern const char rosterSerialsCaseIdsSignings[];

} // namespace rd::WorkspaceMigrations
