#pragma once

#include "core/result.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/crmrecords.h"
#include "sync/hq/hqstore.h"

#include <string>
#include <string_view>
#include <vector>

namespace tapledger::sync {

/// A checked row of a purchases CSV, its member not yet resolved.
struct PurchaseRow
{
    size_t line = 0;          ///< physical line of the file, the header is line 1
    std::string memberRef;    ///< the `member` column
    PurchaseRecord record;    ///< everything but record.member
};

/// What an import did.
struct ImportReport
{
    size_t rows = 0;          ///< rows in the file
    size_t added = 0;         ///< purchases stored now
    size_t alreadyStored = 0; ///< purchases whose key was stored with the same content
    size_t newMembers = 0;    ///< imported members created now
};

/// `tapledger-hq import purchases` (docs/crm.md, "Importing purchases"): a CSV of purchases into
/// HQ's store, idempotent, all or nothing.
class PurchaseImport
{
public:
    /// Reads and checks every row of @p csv: InvalidArgument "line N: …" for the first bad line
    /// (the header is line 1). @p source is stored with each purchase (e.g. "import:sales.csv").
    static Result<std::vector<PurchaseRow>> parse(std::string_view csv, const HqVenue &venue, const std::string &source);

    /// Stores @p rows in one write transaction of @p store: a member reference that is the id of a
    /// member HQ knows is that member, any other creates (once) an imported member. Nothing is
    /// stored when any row fails: Conflict "line N: …" for a key stored with another content.
    static Result<ImportReport> store(HqStore &store, const std::vector<PurchaseRow> &rows, int64_t nowMs);

    /// The id of the imported member for @p ref: the first 16 bytes of
    /// SHA-256("tapledger:imported-member:" + ref), marked as an RFC 9562 version-8 UUID.
    static Uuid importedMemberId(std::string_view ref);
};

} // namespace tapledger::sync
