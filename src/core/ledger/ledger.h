#pragma once

#include "core/crypto/ed25519.h"
#include "core/ledger/ledgerentry.h"
#include "core/ledger/projection.h"
#include "core/ledger/signedtreehead.h"
#include "core/result.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tapledger {

class Ed25519SecretKey;
class SqliteDb;

/// Derived stored-value and points balances of one member (minor units / points).
struct MemberBalance
{
    Uuid member;
    std::string currency; ///< "" until the first value entry
    int64_t deposit = 0;
    int64_t bonus = 0;
    int64_t points = 0;
    uint64_t entries = 0; ///< number of entries about this member
    uint64_t lastSeq = 0; ///< seq of the latest of them
};

/// Outcome of Ledger::verify().
struct VerifyReport
{
    bool ok = false;
    uint64_t entries = 0;   ///< entries checked
    Sha256Digest head{};    ///< hash of the last good entry
    uint64_t badSeq = 0;    ///< first bad seq (0 when ok, or when the fault is not tied to one entry)
    std::string problem;    ///< what is wrong, one line ("" when ok)
};

/// The kiosk's append-only, hash-chained, Ed25519-signed ledger in one SQLite database
/// (WAL, synchronous=FULL). UPDATE and DELETE on entries are refused by triggers. Derived state
/// (projections, at least per-member balances) changes in the same transaction as each entry.
/// Not thread-safe: one owner at a time.
class Ledger
{
public:
    /// Creates a new ledger database at @p dbPath for @p kioskId; AlreadyExists if the file exists.
    static Result<std::unique_ptr<Ledger>> create(const std::filesystem::path &dbPath, const std::string &kioskId,
                                                  std::shared_ptr<const Ed25519SecretKey> signer,
                                                  std::vector<std::unique_ptr<Projection>> projections = {});
    /// Opens an existing ledger. @p deviceKey must match the key recorded at creation (Corrupt
    /// otherwise: a foreign database). Without @p signer the ledger is read-only (append → Denied).
    static Result<std::unique_ptr<Ledger>> open(const std::filesystem::path &dbPath, const Ed25519PublicKey &deviceKey,
                                                std::shared_ptr<const Ed25519SecretKey> signer,
                                                std::vector<std::unique_ptr<Projection>> projections = {});
    ~Ledger();
    Ledger(const Ledger &) = delete;
    Ledger &operator=(const Ledger &) = delete;

    /// Kiosk id recorded at creation.
    const std::string &kioskId() const noexcept;
    /// Device public key recorded at creation.
    const Ed25519PublicKey &devicePublicKey() const noexcept;
    /// Number of entries (= seq of the last one).
    uint64_t size() const noexcept;
    /// Hash of the last entry; all zero when empty.
    const Sha256Digest &headHash() const noexcept;

    /// Appends @p drafts atomically (all or none) and durably: when this returns, the entries
    /// survive power loss. kioskId/seq/prevHash/formatVersion of the drafts are filled in.
    /// A draft whose idempotency key is already stored with identical content returns the
    /// stored entry instead (a retry); with different content → Conflict. Projection errors
    /// (e.g. Overflow) and invalid drafts abort with nothing written.
    Result<std::vector<StoredEntry>> append(std::span<const LedgerEntry> drafts);
    /// Single-entry convenience.
    Result<StoredEntry> append(const LedgerEntry &draft);

    /// Opens a write scope: the appends (and other writes on database()) until the matching
    /// commitScope() become durable in one commit. Scopes nest as savepoints; only the outermost
    /// commit is durable. Holding the write lock, a caller can read derived state, decide and
    /// append without another writer slipping in between; size() is exact inside a scope. The
    /// signed head record (docs/ledger-format.md) is written once, by the outermost commit.
    Result<void> beginScope();
    /// Ends the innermost scope keeping its writes (durable when it was the outermost one).
    /// Misuse (no open scope) asserts.
    Result<void> commitScope();
    /// Ends the innermost scope discarding its writes. Misuse (no open scope) asserts.
    void rollbackScope();
    /// Number of open scopes (0 = none).
    size_t scopeDepth() const noexcept;

    /// The entry at @p seq; NotFound outside 1..size().
    Result<StoredEntry> entry(uint64_t seq) const;
    /// Up to @p limit entries from @p fromSeq on, in order.
    Result<std::vector<StoredEntry>> entries(uint64_t fromSeq, uint64_t limit) const;
    /// The entry stored under @p idempotencyKey, if any.
    std::optional<StoredEntry> entryByIdempotencyKey(const Uuid &idempotencyKey) const;
    /// Derived balances of @p member (all zero when the member has no entries).
    MemberBalance balance(const Uuid &member) const;

    /// A tree head over all entries (RFC 6962 root of entry hashes), signed by the device key.
    Result<SignedTreeHead> treeHead(int64_t timeMs) const;
    /// RFC 6962 consistency proof from the first @p oldSize entries to the current size.
    Result<std::vector<Sha256Digest>> consistencyProof(uint64_t oldSize) const;

    /// Re-reads the whole chain: decodes, re-hashes, checks links, seqs and signatures, checks the
    /// signed head record, then rebuilds every projection in a rolled-back transaction and compares.
    VerifyReport verify() const;

    /// The underlying database, for projections and queries inside src/core only.
    SqliteDb &database() const noexcept;

private:
    struct Impl;
    explicit Ledger(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger
