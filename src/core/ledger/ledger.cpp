#include "core/ledger/ledger.h"
#include "core/kioskid.h"

#include "core/ledger/balanceprojection_p.h"
#include "core/ledger/canonicalcodec.h"
#include "core/ledger/ledger_p.h"
#include "core/ledger/merkle.h"
#include "core/store/sqlitetransaction_p.h"

#include <algorithm>
#include <cassert>
#include <optional>

namespace tapledger {

namespace {
constexpr std::string_view kApplication = "tapledger-ledger";
constexpr std::string_view kSchemaVersion = "1";

constexpr std::string_view kSchema = R"sql(
    CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
    CREATE TABLE entries(
        seq INTEGER PRIMARY KEY,
        hash BLOB NOT NULL UNIQUE,
        body BLOB NOT NULL,
        signature BLOB NOT NULL,
        kind INTEGER NOT NULL,
        member BLOB,
        card BLOB,
        time_ms INTEGER NOT NULL,
        idempotency_key BLOB UNIQUE);
    CREATE INDEX entries_member ON entries(member, seq);
    CREATE INDEX entries_card ON entries(card, seq);
    CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
        BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
    CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
        BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
)sql";

Result<void> writeMeta(SqliteDb &db, std::string_view key, ByteView value)
{
    auto stmt = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    if (!stmt)
        return std::move(stmt).error();
    stmt->bindText(1, key).bind(2, value);
    return stmt->run();
}

void bindOptionalUuid(SqliteStatement &stmt, int index, const Uuid &id)
{
    if (id.isNil())
        stmt.bindNull(index);
    else
        stmt.bind(index, id.bytes());
}

/// Same business content (everything the caller chose; not seq, chain or time).
bool sameContent(const LedgerEntry &a, const LedgerEntry &b)
{
    return a.kind == b.kind && a.card == b.card && a.cardCounter == b.cardCounter && a.member == b.member &&
           a.currency == b.currency && a.depositDelta == b.depositDelta && a.bonusDelta == b.bonusDelta &&
           a.pointsDelta == b.pointsDelta && a.refs == b.refs && a.staff == b.staff && a.extra == b.extra;
}
} // namespace

Result<Bytes> readMeta(SqliteDb &db, std::string_view key)
{
    auto stmt = db.prepare("SELECT value FROM meta WHERE key = ?");
    if (!stmt)
        return std::move(stmt).error();
    stmt->bindText(1, key);
    auto row = stmt->step();
    if (!row)
        return std::move(row).error();
    if (!*row)
        return fail(ErrorCode::NotFound, "meta key " + std::string(key) + " missing");
    return stmt->blobAt(0);
}

std::vector<uint8_t> Ledger::Impl::headRecordBytes(uint64_t seq, const Sha256Digest &hash) const
{
    std::vector<uint8_t> out = {'T', 'L', 'H', 'E', 'A', 'D', 1};
    out.push_back(static_cast<uint8_t>(kioskId.size()));
    out.insert(out.end(), kioskId.begin(), kioskId.end());
    for (int i = 7; i >= 0; --i)
        out.push_back(static_cast<uint8_t>(seq >> (8 * i)));
    out.insert(out.end(), hash.begin(), hash.end());
    return out;
}

Result<void> Ledger::Impl::writeHead(uint64_t seq, const Sha256Digest &hash)
{
    uint8_t seqBytes[8];
    for (int i = 0; i < 8; ++i)
        seqBytes[i] = static_cast<uint8_t>(seq >> (8 * (7 - i)));
    TL_TRY(writeMeta(*db, "head_seq", seqBytes));
    TL_TRY(writeMeta(*db, "head_hash", hash));
    TL_TRY(writeMeta(*db, "head_sig", signer->sign(headRecordBytes(seq, hash))));
    return {};
}

Result<void> Ledger::Impl::loadHead(uint64_t &seq, Sha256Digest &hash, Ed25519Signature *signature) const
{
    auto seqBytes = readMeta(*db, "head_seq");
    auto hashBytes = readMeta(*db, "head_hash");
    auto sigBytes = readMeta(*db, "head_sig");
    if (!seqBytes || !hashBytes || !sigBytes || seqBytes->size() != 8 || hashBytes->size() != 32 ||
        sigBytes->size() != 64)
        return fail(ErrorCode::Corrupt, "ledger head record is missing or malformed");
    seq = 0;
    for (uint8_t b : *seqBytes)
        seq = (seq << 8) | b;
    std::copy(hashBytes->begin(), hashBytes->end(), hash.begin());
    if (signature)
        std::copy(sigBytes->begin(), sigBytes->end(), signature->begin());
    return {};
}

Result<void> Ledger::Impl::attachProjections()
{
    // A projection whose tables are new to a non-empty ledger (written before the projection
    // existed, or without it) is built from the entries here, in one transaction with its tables,
    // so it is exact from the start or not there at all.
    std::vector<Projection *> fresh;
    for (auto &p : projections) {
        const auto tables = p->tables();
        if (size == 0 || tables.empty())
            continue;
        auto known = db->prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
        if (!known)
            return std::move(known).error();
        known->bindText(1, tables.front());
        auto present = known->step();
        if (!present)
            return std::move(present).error();
        if (!*present)
            fresh.push_back(p.get());
    }
    std::optional<SqliteTransaction> txn;
    if (!fresh.empty()) {
        txn.emplace(*db);
        TL_TRY(txn->begun());
    }
    for (auto &p : projections)
        TL_TRY(p->createSchema(*db));
    if (fresh.empty())
        return {};
    {
        auto stmt = db->prepare("SELECT seq, hash, body, signature FROM entries ORDER BY seq");
        if (!stmt)
            return std::move(stmt).error();
        TL_TRY(stmt->forEachRow([&]() -> Result<void> {
            auto entry = rowToEntry(*stmt);
            if (!entry)
                return std::move(entry).error();
            for (Projection *p : fresh) {
                if (auto r = p->apply(*db, *entry); !r)
                    return fail(r.error().code, "building " + p->name() + " from the ledger: seq " +
                                                    std::to_string(entry->entry.seq) + ": " + r.error().message);
            }
            return {};
        }));
    }
    return txn->commit();
}

Result<StoredEntry> Ledger::Impl::rowToEntry(const SqliteStatement &row)
{
    StoredEntry out;
    out.canonical = row.blobAt(2);
    auto decoded = CanonicalCodec::decode(out.canonical);
    if (!decoded)
        return fail(ErrorCode::Corrupt, "seq " + std::to_string(row.int64At(0)) + ": " + decoded.error().message);
    out.entry = std::move(*decoded);
    const Bytes hash = row.blobAt(1);
    const Bytes sig = row.blobAt(3);
    if (hash.size() != out.hash.size() || sig.size() != out.signature.size())
        return fail(ErrorCode::Corrupt, "seq " + std::to_string(row.int64At(0)) + ": malformed hash or signature");
    std::copy(hash.begin(), hash.end(), out.hash.begin());
    std::copy(sig.begin(), sig.end(), out.signature.begin());
    return out;
}

Ledger::Ledger(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
Ledger::~Ledger() = default;

Result<std::unique_ptr<Ledger>> Ledger::create(const std::filesystem::path &dbPath, const std::string &kioskId,
                                               std::shared_ptr<const Ed25519SecretKey> signer,
                                               std::vector<std::unique_ptr<Projection>> projections)
{
    if (!signer)
        return fail(ErrorCode::InvalidArgument, "creating a ledger needs the device signing key");
    LedgerEntry probe;
    probe.kioskId = kioskId;
    probe.seq = 1;
    if (auto valid = CanonicalCodec::validate(probe); !valid)
        return fail(ErrorCode::InvalidArgument, "kiosk id must be " + std::string(kKioskIdRule));
    {
        auto db = SqliteDb::open(dbPath, SqliteDb::Mode::CreateNew);
        if (!db)
            return std::move(db).error();
        SqliteTransaction txn(**db);
        TL_TRY(txn.begun());
        TL_TRY((*db)->exec(kSchema));
        TL_TRY(writeMeta(**db, "application", asBytes(kApplication)));
        TL_TRY(writeMeta(**db, "schema_version", asBytes(kSchemaVersion)));
        TL_TRY(writeMeta(**db, "kiosk_id", asBytes(kioskId)));
        TL_TRY(writeMeta(**db, "device_public_key", signer->publicKey()));
        Impl tmp;
        tmp.kioskId = kioskId;
        const Sha256Digest zero{};
        const uint8_t zeroSeq[8] = {};
        TL_TRY(writeMeta(**db, "head_seq", zeroSeq));
        TL_TRY(writeMeta(**db, "head_hash", zero));
        TL_TRY(writeMeta(**db, "head_sig", signer->sign(tmp.headRecordBytes(0, zero))));
        TL_TRY(txn.commit());
    }
    return open(dbPath, signer->publicKey(), signer, std::move(projections));
}

Result<std::unique_ptr<Ledger>> Ledger::open(const std::filesystem::path &dbPath, const Ed25519PublicKey &deviceKey,
                                             std::shared_ptr<const Ed25519SecretKey> signer,
                                             std::vector<std::unique_ptr<Projection>> projections)
{
    if (signer && signer->publicKey() != deviceKey)
        return fail(ErrorCode::Crypto, "the device private key does not match the device public key");
    auto db = SqliteDb::open(dbPath, SqliteDb::Mode::OpenExisting);
    if (!db)
        return std::move(db).error();
    const auto notOurs = fail(ErrorCode::Corrupt, dbPath.string() + " is not a TapLedger ledger database");
    auto app = readMeta(**db, "application");
    if (!app) {
        if (app.error().code == ErrorCode::Corrupt)
            return std::move(app).error();
        return notOurs;
    }
    if (std::string(app->begin(), app->end()) != kApplication)
        return notOurs;
    auto version = readMeta(**db, "schema_version");
    if (!version || std::string(version->begin(), version->end()) != kSchemaVersion)
        return fail(ErrorCode::Corrupt, "unsupported ledger schema version");
    auto kiosk = readMeta(**db, "kiosk_id");
    auto pub = readMeta(**db, "device_public_key");
    if (!kiosk || !pub || pub->size() != deviceKey.size())
        return notOurs;
    if (!std::equal(pub->begin(), pub->end(), deviceKey.begin()))
        return fail(ErrorCode::Corrupt, "the ledger was created by another device key (a foreign database)");

    auto impl = std::make_unique<Impl>();
    impl->db = std::move(*db);
    impl->kioskId.assign(kiosk->begin(), kiosk->end());
    impl->devicePublicKey = deviceKey;
    impl->signer = std::move(signer);
    impl->projections.push_back(std::make_unique<BalanceProjection>());
    for (auto &p : projections)
        impl->projections.push_back(std::move(p));
    TL_TRY(impl->loadHead(impl->size, impl->head));
    TL_TRY(impl->attachProjections());
    return std::unique_ptr<Ledger>(new Ledger(std::move(impl)));
}

const std::string &Ledger::kioskId() const noexcept
{
    return d->kioskId;
}

const Ed25519PublicKey &Ledger::devicePublicKey() const noexcept
{
    return d->devicePublicKey;
}

uint64_t Ledger::size() const noexcept
{
    return d->size;
}

const Sha256Digest &Ledger::headHash() const noexcept
{
    return d->head;
}

SqliteDb &Ledger::database() const noexcept
{
    return *d->db;
}

Result<StoredEntry> Ledger::append(const LedgerEntry &draft)
{
    auto out = append(std::span<const LedgerEntry>(&draft, 1));
    if (!out)
        return std::move(out).error();
    return std::move(out->front());
}

Result<std::vector<StoredEntry>> Ledger::append(std::span<const LedgerEntry> drafts)
{
    if (!d->signer)
        return fail(ErrorCode::Denied, "the ledger is open read-only (no device key)");
    if (drafts.empty())
        return std::vector<StoredEntry>{};

    // Retries: every draft already stored under its idempotency key with the same content.
    std::vector<StoredEntry> existing;
    for (const auto &draft : drafts) {
        if (draft.idempotencyKey.isNil())
            continue;
        if (auto stored = entryByIdempotencyKey(draft.idempotencyKey)) {
            if (!sameContent(stored->entry, draft))
                return fail(ErrorCode::Conflict, "idempotency key " + draft.idempotencyKey.toString() +
                                                     " was already used for a different entry");
            existing.push_back(std::move(*stored));
        }
    }
    if (!existing.empty()) {
        if (existing.size() != drafts.size())
            return fail(ErrorCode::Conflict, "part of this batch is already recorded under its idempotency keys");
        return existing;
    }

    SqliteTransaction txn(*d->db);
    TL_TRY(txn.begun());
    // Outside a scope, re-read the head inside the write lock: another process may have appended
    // since open. Inside one, the lock is held since beginScope and size/head are exact.
    uint64_t seq = d->size;
    Sha256Digest prev = d->head;
    if (d->scopes.empty())
        TL_TRY(d->loadHead(seq, prev));

    auto insert = d->db->prepare("INSERT INTO entries(seq, hash, body, signature, kind, member, card, time_ms, "
                                 "idempotency_key) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return std::move(insert).error();
    std::vector<StoredEntry> out;
    out.reserve(drafts.size());
    for (const auto &draft : drafts) {
        StoredEntry s;
        s.entry = draft;
        s.entry.formatVersion = LedgerEntry::kFormatVersion;
        s.entry.kioskId = d->kioskId;
        s.entry.seq = ++seq;
        s.entry.prevHash = prev;
        auto bytes = CanonicalCodec::encode(s.entry);
        if (!bytes)
            return std::move(bytes).error();
        s.canonical = std::move(*bytes);
        s.hash = sha256(s.canonical);
        s.signature = d->signer->sign(s.canonical);

        insert->reset();
        insert->bind(1, static_cast<int64_t>(s.entry.seq)).bind(2, s.hash).bind(3, s.canonical).bind(4, s.signature);
        insert->bind(5, int64_t{static_cast<uint16_t>(s.entry.kind)});
        bindOptionalUuid(*insert, 6, s.entry.member);
        bindOptionalUuid(*insert, 7, s.entry.card);
        insert->bind(8, s.entry.timeMs);
        bindOptionalUuid(*insert, 9, s.entry.idempotencyKey);
        TL_TRY(insert->run());
        for (auto &p : d->projections)
            TL_TRY(p->apply(*d->db, s));
        prev = s.hash;
        out.push_back(std::move(s));
    }
    if (d->scopes.empty())
        TL_TRY(d->writeHead(seq, prev));
    TL_TRY(txn.commit());
    d->size = seq;
    d->head = prev;
    d->headPending = !d->scopes.empty();
    return out;
}

Result<void> Ledger::beginScope()
{
    Impl::Scope scope;
    scope.txn = std::make_unique<SqliteTransaction>(*d->db);
    TL_TRY(scope.txn->begun());
    // Another process may have appended since open; inside the write lock the head is exact.
    if (d->scopes.empty())
        TL_TRY(d->loadHead(d->size, d->head));
    scope.size = d->size;
    scope.head = d->head;
    scope.headPending = d->headPending;
    d->scopes.push_back(std::move(scope));
    return {};
}

Result<void> Ledger::commitScope()
{
    assert(!d->scopes.empty() && "commitScope without beginScope");
    Impl::Scope scope = std::move(d->scopes.back());
    d->scopes.pop_back();
    Result<void> r;
    if (d->scopes.empty() && d->headPending)
        r = d->writeHead(d->size, d->head);
    if (r)
        r = scope.txn->commit();
    if (r) {
        if (d->scopes.empty())
            d->headPending = false;
        return r;
    }
    scope.txn.reset(); // rolls back, if the commit did not already
    d->size = scope.size;
    d->head = scope.head;
    d->headPending = scope.headPending;
    return r;
}

void Ledger::rollbackScope()
{
    assert(!d->scopes.empty() && "rollbackScope without beginScope");
    const Impl::Scope &scope = d->scopes.back();
    d->size = scope.size;
    d->head = scope.head;
    d->headPending = scope.headPending;
    d->scopes.pop_back(); // the destructor rolls back
}

size_t Ledger::scopeDepth() const noexcept
{
    return d->scopes.size();
}

Result<StoredEntry> Ledger::entry(uint64_t seq) const
{
    auto list = entries(seq, 1);
    if (!list)
        return std::move(list).error();
    if (seq == 0 || list->empty() || list->front().entry.seq != seq)
        return fail(ErrorCode::NotFound, "no entry with seq " + std::to_string(seq) + " (the ledger has " +
                                             std::to_string(d->size) + ")");
    return std::move(list->front());
}

Result<std::vector<StoredEntry>> Ledger::entries(uint64_t fromSeq, uint64_t limit) const
{
    auto stmt = d->db->prepare("SELECT seq, hash, body, signature FROM entries WHERE seq >= ? ORDER BY seq LIMIT ?");
    if (!stmt)
        return std::move(stmt).error();
    stmt->bind(1, static_cast<int64_t>(std::min<uint64_t>(fromSeq, INT64_MAX)));
    stmt->bind(2, static_cast<int64_t>(std::min<uint64_t>(limit, INT64_MAX)));
    std::vector<StoredEntry> out;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return std::move(row).error();
        if (!*row)
            break;
        auto e = Impl::rowToEntry(*stmt);
        if (!e)
            return std::move(e).error();
        out.push_back(std::move(*e));
    }
    return out;
}

std::optional<StoredEntry> Ledger::entryByIdempotencyKey(const Uuid &key) const
{
    auto stmt = d->db->prepare("SELECT seq, hash, body, signature FROM entries WHERE idempotency_key = ?");
    if (!stmt)
        return std::nullopt;
    stmt->bind(1, key.bytes());
    auto row = stmt->step();
    if (!row || !*row)
        return std::nullopt;
    auto e = Impl::rowToEntry(*stmt);
    if (!e)
        return std::nullopt;
    return std::move(*e);
}

MemberBalance Ledger::balance(const Uuid &member) const
{
    MemberBalance b;
    b.member = member;
    auto stmt = d->db->prepare(
        "SELECT currency, deposit, bonus, points, entries, last_seq FROM member_balances WHERE member = ?");
    if (!stmt)
        return b;
    stmt->bind(1, member.bytes());
    auto row = stmt->step();
    if (row && *row) {
        b.currency = stmt->textAt(0);
        b.deposit = stmt->int64At(1);
        b.bonus = stmt->int64At(2);
        b.points = stmt->int64At(3);
        b.entries = static_cast<uint64_t>(stmt->int64At(4));
        b.lastSeq = static_cast<uint64_t>(stmt->int64At(5));
    }
    return b;
}

} // namespace tapledger
