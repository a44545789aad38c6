#include "sync/hq/crm/purchaseimport.h"

#include "core/bytes.h"
#include "core/crypto/sha256.h"
#include "sync/hq/crm/csvreader.h"
#include "sync/hq/crm/purchasefields.h"

#include <map>
#include <optional>

namespace tapledger::sync {

namespace {
const char *const kRequired[] = {"member", "time", "amount"};
const char *const kOptional[] = {"category", "sku", "quantity", "receipt"};

Error lineError(size_t line, const std::string &what)
{
    return fail(ErrorCode::InvalidArgument, "line " + std::to_string(line) + ": " + what);
}

/// Column name → index, from the header record.
Result<std::map<std::string, size_t>> readHeader(const CsvRecord &header)
{
    std::map<std::string, size_t> columns;
    for (size_t i = 0; i < header.fields.size(); ++i) {
        const std::string &name = header.fields[i];
        bool known = false;
        for (const char *c : kRequired)
            known = known || name == c;
        for (const char *c : kOptional)
            known = known || name == c;
        if (!known)
            return lineError(header.line, "unknown column '" + name +
                                              "' (columns: member, time, amount; optional category, sku, quantity, receipt)");
        if (!columns.emplace(name, i).second)
            return lineError(header.line, "column '" + name + "' appears twice");
    }
    for (const char *c : kRequired) {
        if (!columns.contains(c))
            return lineError(header.line, std::string("the required column '") + c + "' is missing");
    }
    return columns;
}

/// "len:value" per part: an unambiguous text to hash.
void addPart(std::string &out, std::string_view part)
{
    out += std::to_string(part.size());
    out += ':';
    out += part;
}
} // namespace

Uuid PurchaseImport::importedMemberId(std::string_view ref)
{
    const Sha256Digest d = sha256(asBytes(std::string("tapledger:imported-member:") + std::string(ref)));
    Uuid::Bytes16 b{};
    std::copy(d.begin(), d.begin() + 16, b.begin());
    b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x80); // version 8 (RFC 9562 §5.8)
    b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80); // variant 10
    return Uuid(b);
}

Result<std::vector<PurchaseRow>> PurchaseImport::parse(std::string_view csv, const HqVenue &venue, const std::string &source)
{
    auto records = CsvReader::parse(csv);
    if (!records)
        return std::move(records).error();
    if (records->empty())
        return lineError(1, "no header (expected member,time,amount[,category,sku,quantity,receipt])");
    auto columns = readHeader(records->front());
    if (!columns)
        return std::move(columns).error();
    const auto field = [&](const CsvRecord &r, const char *name) -> std::string {
        auto it = columns->find(name);
        return it == columns->end() ? std::string() : r.fields[it->second];
    };

    std::vector<PurchaseRow> rows;
    std::map<std::string, size_t> seen; // key without "#k" → rows so far
    for (size_t i = 1; i < records->size(); ++i) {
        const CsvRecord &r = (*records)[i];
        if (r.fields.size() != records->front().fields.size())
            return lineError(r.line, std::to_string(r.fields.size()) + " fields, the header has " +
                                         std::to_string(records->front().fields.size()));
        PurchaseRow row;
        row.line = r.line;
        // The field rules are the POS endpoint's too (PurchaseFields): only the line is added here.
        const auto atLine = [&](const Error &e) { return lineError(r.line, e.message); };
        row.memberRef = field(r, "member");
        if (auto ok = PurchaseFields::memberRef(row.memberRef); !ok)
            return atLine(ok.error());
        PurchaseRecord &p = row.record;
        p.source = source;
        p.currency = std::string(venue.currency().code());
        auto ms = PurchaseFields::time(field(r, "time"), venue);
        if (!ms)
            return atLine(ms.error());
        p.timeMs = *ms;
        auto amount = PurchaseFields::amount(field(r, "amount"), venue);
        if (!amount)
            return atLine(amount.error());
        p.amountMinor = *amount;
        p.category = field(r, "category");
        p.sku = field(r, "sku");
        p.receipt = field(r, "receipt");
        if (auto ok = PurchaseFields::categoryAndSku(p.category, p.sku); !ok)
            return atLine(ok.error());
        if (auto ok = PurchaseFields::receipt(p.receipt); !ok)
            return atLine(ok.error());
        if (const std::string quantity = field(r, "quantity"); !quantity.empty()) {
            auto q = PurchaseFields::quantity(quantity);
            if (!q)
                return atLine(q.error());
            p.quantity = *q;
        }

        std::string base;
        if (!p.receipt.empty()) {
            base = "receipt:" + p.receipt;
        } else {
            std::string content;
            addPart(content, row.memberRef);
            addPart(content, std::to_string(p.timeMs));
            addPart(content, std::to_string(p.amountMinor));
            addPart(content, p.category);
            addPart(content, p.sku);
            addPart(content, std::to_string(p.quantity));
            base = "row:" + toHex(sha256(asBytes(content)));
        }
        p.key = base + "#" + std::to_string(++seen[base]);
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<ImportReport> PurchaseImport::store(HqStore &store, const std::vector<PurchaseRow> &rows, int64_t nowMs)
{
    ImportReport report;
    TL_TRY(store.write([&](HqWriteTx &tx) -> Result<void> {
        report = ImportReport{};
        report.rows = rows.size();
        std::map<std::string, Uuid> members;
        for (const PurchaseRow &row : rows) {
            auto known = members.find(row.memberRef);
            if (known == members.end()) {
                std::optional<Uuid> id;
                if (auto asId = Uuid::parse(row.memberRef); asId && !asId->isNil()) {
                    auto member = tx.member(*asId);
                    if (!member)
                        return std::move(member).error();
                    if (*member)
                        id = *asId;
                }
                if (!id) {
                    id = importedMemberId(row.memberRef);
                    auto added = tx.addCrmMember({*id, row.memberRef, "import", nowMs});
                    if (!added)
                        return fail(added.error().code, "line " + std::to_string(row.line) + ": " + added.error().message);
                    if (*added)
                        ++report.newMembers;
                }
                known = members.emplace(row.memberRef, *id).first;
            }
            PurchaseRecord p = row.record;
            p.member = known->second;
            auto added = tx.addPurchase(p);
            if (!added)
                return fail(added.error().code, "line " + std::to_string(row.line) + ": " + added.error().message);
            ++(*added ? report.added : report.alreadyStored);
        }
        return {};
    }));
    return report;
}

} // namespace tapledger::sync
