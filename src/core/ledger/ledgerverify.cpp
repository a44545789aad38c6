// Ledger::verify, treeHead and consistencyProof: everything that re-reads the whole chain.
#include "core/ledger/canonicalcodec.h"
#include "core/ledger/chainverifier.h"
#include "core/ledger/ledger_p.h"
#include "core/ledger/merkle.h"
#include "core/store/sqlitetransaction_p.h"

#include <algorithm>
#include <map>

namespace tapledger {

namespace {
/// One table's rows: first column (key) → every column rendered as text.
struct TableSnapshot
{
    std::vector<std::string> columns;
    std::map<std::string, std::vector<std::string>> rows;
};

std::string joined(const std::vector<std::string> &values)
{
    std::string out;
    for (const auto &v : values)
        out += (out.empty() ? "" : "|") + v;
    return out;
}

Result<std::map<std::string, TableSnapshot>> snapshot(SqliteDb &db, const std::vector<std::string> &tables)
{
    std::map<std::string, TableSnapshot> out;
    for (const auto &table : tables) {
        auto stmt = db.prepare("SELECT * FROM " + table);
        if (!stmt)
            return std::move(stmt).error();
        auto &snap = out[table];
        snap.columns = stmt->columnNames();
        TL_TRY(stmt->forEachRow([&] {
            std::vector<std::string> values;
            for (int c = 0; c < stmt->columnCount(); ++c)
                values.push_back(stmt->valueText(c));
            snap.rows[values.front()] = std::move(values);
        }));
    }
    return out;
}

/// First difference between stored and rebuilt derived state, or "". A changed row names its
/// first differing column.
std::string firstDifference(const std::map<std::string, TableSnapshot> &stored,
                            const std::map<std::string, TableSnapshot> &rebuilt)
{
    for (const auto &[table, snap] : rebuilt) {
        const auto &have = stored.at(table).rows;
        for (const auto &[key, row] : snap.rows) {
            auto it = have.find(key);
            if (it == have.end())
                return table + ": row " + key + " is missing (rebuilt from the ledger: " + joined(row) + ")";
            for (size_t c = 0; c < row.size() && c < it->second.size(); ++c) {
                if (it->second[c] != row[c])
                    return table + ": row " + key + ": " + snap.columns[c] + " is " + it->second[c] +
                           " but the ledger gives " + row[c];
            }
        }
        for (const auto &[key, row] : have) {
            if (!snap.rows.count(key))
                return table + ": row " + key + " is not backed by any ledger entry";
        }
    }
    return {};
}

bool sameUuidColumn(const SqliteStatement &row, int col, const Uuid &id)
{
    if (id.isNil())
        return row.isNull(col);
    const Bytes b = row.blobAt(col);
    return !row.isNull(col) && b.size() == 16 && std::equal(b.begin(), b.end(), id.bytes().begin());
}
} // namespace

VerifyReport Ledger::verify() const
{
    VerifyReport report;
    const auto bad = [&](uint64_t seq, std::string problem) {
        report.ok = false;
        report.badSeq = seq;
        report.problem = std::move(problem);
        return report;
    };
    const auto at = [](uint64_t seq) { return "seq " + std::to_string(seq) + ": "; };

    std::vector<std::string> tables;
    for (const auto &p : d->projections) {
        for (auto &t : p->tables())
            tables.push_back(std::move(t));
    }
    // Rebuild derived state inside a transaction that is always rolled back.
    SqliteTransaction txn(*d->db);
    if (!txn.begun().ok())
        return bad(0, txn.begun().error().message);
    // Inside a write scope the signed head record is owed until the outermost commit: write it
    // here, in the transaction that is rolled back, so the checks below see the exact chain tip.
    if (d->headPending) {
        if (auto r = d->writeHead(d->size, d->head); !r)
            return bad(0, r.error().message);
    }
    uint64_t headSeq = 0;
    Sha256Digest headHash{};
    Ed25519Signature headSig{};
    if (auto r = d->loadHead(headSeq, headHash, &headSig); !r)
        return bad(0, r.error().message);
    auto stored = snapshot(*d->db, tables);
    if (!stored)
        return bad(0, stored.error().message);
    for (const auto &t : tables) {
        if (auto r = d->db->exec("DELETE FROM " + t); !r)
            return bad(0, r.error().message);
    }

    auto stmt = d->db->prepare("SELECT seq, hash, body, signature, kind, member, card, time_ms, idempotency_key "
                               "FROM entries ORDER BY seq");
    if (!stmt)
        return bad(0, stmt.error().message);
    ChainVerifier chain(d->kioskId, d->devicePublicKey);
    while (true) {
        const uint64_t expected = chain.lastSeq() + 1;
        auto row = stmt->step();
        if (!row)
            return bad(expected, at(expected) + row.error().message);
        if (!*row)
            break;
        const auto seq = static_cast<uint64_t>(stmt->int64At(0));
        if (seq != expected)
            return bad(expected, at(expected) + "entry is missing (the next stored entry is seq " +
                                     std::to_string(seq) + ")");
        const Bytes body = stmt->blobAt(2);
        const Bytes hash = stmt->blobAt(1);
        const Bytes sig = stmt->blobAt(3);
        const Sha256Digest computed = sha256(body);
        if (hash.size() != 32 || !std::equal(hash.begin(), hash.end(), computed.begin()))
            return bad(seq, at(seq) + "stored hash does not match the entry bytes");
        if (sig.size() != Ed25519Signature{}.size())
            return bad(seq, at(seq) + "malformed hash or signature");
        Ed25519Signature signature{};
        std::copy(sig.begin(), sig.end(), signature.begin());
        auto entry = chain.next(body, signature);
        if (!entry)
            return bad(seq, entry.error().message);
        const LedgerEntry &e = entry->entry;
        if (stmt->int64At(4) != static_cast<uint16_t>(e.kind) || !sameUuidColumn(*stmt, 5, e.member) ||
            !sameUuidColumn(*stmt, 6, e.card) || stmt->int64At(7) != e.timeMs ||
            !sameUuidColumn(*stmt, 8, e.idempotencyKey))
            return bad(seq, at(seq) + "index columns disagree with the signed entry");
        for (auto &p : d->projections) {
            if (auto r = p->apply(*d->db, *entry); !r)
                return bad(seq, at(seq) + "replaying into " + p->name() + " failed: " + r.error().message);
        }
        report.entries = seq;
        report.head = entry->hash;
    }

    if (!ed25519Verify(d->devicePublicKey, d->headRecordBytes(headSeq, headHash), headSig))
        return bad(headSeq, "the signed head record does not verify (head says seq " + std::to_string(headSeq) + ")");
    if (report.entries < headSeq)
        return bad(report.entries + 1, at(report.entries + 1) + "entry is missing: the signed head says the ledger has " +
                                           std::to_string(headSeq) + " entries, " + std::to_string(report.entries) +
                                           " found (tail truncated)");
    if (report.entries > headSeq)
        return bad(headSeq + 1, at(headSeq + 1) + "entries beyond the signed head (the head says " +
                                    std::to_string(headSeq) + ")");
    if (report.head != headHash)
        return bad(headSeq, at(headSeq) + "entry does not match the signed head record");

    auto rebuilt = snapshot(*d->db, tables);
    if (!rebuilt)
        return bad(0, rebuilt.error().message);
    if (auto diff = firstDifference(*stored, *rebuilt); !diff.empty())
        return bad(0, "derived state disagrees with the ledger: " + diff);
    report.ok = true;
    return report;
}

namespace {
Result<std::vector<Sha256Digest>> leafHashes(SqliteDb &db)
{
    auto stmt = db.prepare("SELECT hash FROM entries ORDER BY seq");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<Sha256Digest> out;
    TL_TRY(stmt->forEachRow([&] { out.push_back(merkle::leafHash(stmt->blobAt(0))); }));
    return out;
}
} // namespace

Result<Sha256Digest> Ledger::Impl::treeRoot(uint64_t &treeSize)
{
    // Inside a write scope the tail may still be rolled back: extend a copy, keep nothing.
    MerkleFrontier scratch;
    if (!scopes.empty())
        scratch = frontier;
    MerkleFrontier &f = scopes.empty() ? frontier : scratch;
    auto stmt = db->prepare("SELECT hash FROM entries WHERE seq > ? ORDER BY seq");
    if (!stmt)
        return std::move(stmt).error();
    stmt->bind(1, static_cast<int64_t>(f.size()));
    TL_TRY(stmt->forEachRow([&] { f.push(merkle::leafHash(stmt->blobAt(0))); }));
    treeSize = f.size();
    return f.root();
}

Result<SignedTreeHead> Ledger::treeHead(int64_t timeMs) const
{
    if (!d->signer)
        return fail(ErrorCode::Denied, "signing a tree head needs the device key");
    SignedTreeHead head;
    auto root = d->treeRoot(head.treeSize);
    if (!root)
        return std::move(root).error();
    head.kioskId = d->kioskId;
    head.rootHash = *root;
    head.timeMs = timeMs;
    head.sign(*d->signer);
    return head;
}

Result<std::vector<Sha256Digest>> Ledger::consistencyProof(uint64_t oldSize) const
{
    auto leaves = leafHashes(*d->db);
    if (!leaves)
        return std::move(leaves).error();
    if (oldSize > leaves->size())
        return fail(ErrorCode::InvalidArgument, "old tree size " + std::to_string(oldSize) +
                                                    " is larger than the ledger (" + std::to_string(leaves->size()) + ")");
    return merkle::consistencyProof(*leaves, oldSize);
}

} // namespace tapledger
