#include "cli/ledgercommands.h"

#include "cli/clisupport.h"
#include "core/bytes.h"
#include "core/currency.h"
#include "core/device/datadir.h"
#include "core/engine/engine.h"
#include "core/ledger/canonicalcodec.h"
#include "core/ledger/entryjson.h"
#include "core/money.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;

namespace tapledger::cli {

namespace {
int64_t parseCount(const std::string &text, const char *what)
{
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || text.front() == '-' || text.front() == '+' || ec == std::errc::result_out_of_range)
        throw CommandError{kExitUsage, std::string(what) + " must be a whole number from 0 to 9223372036854775807, not '" +
                                           text + "' (the kind decides the sign)"};
    if (ec != std::errc{} || ptr != text.data() + text.size())
        throw CommandError{kExitUsage, std::string(what) + " must be a whole number, not '" + text + "'"};
    return v;
}

Uuid parseId(const std::string &text, const char *what)
{
    auto id = Uuid::parse(text);
    if (!id)
        throw CommandError{kExitUsage, std::string(what) + ": " + id.error().message};
    return *id;
}

/// Every command opens the data directory with the engine's projections, so an append keeps them
/// current and verify rebuilds and compares them along with the ledger's own balances.
std::unique_ptr<DataDir> openDataDir(const std::string &path)
{
    return orFail(DataDir::open(path, Engine::projections()));
}

void writeFile(const fs::path &path, std::string_view data)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out.flush())
        throw CommandError{kExitFailed, "cannot write " + path.string()};
}

struct AppendOptions
{
    std::string data, kind, member, card, staff, idempotencyKey, extra, points = "0";
    std::vector<std::string> value, refs;
    uint32_t counter = 0;
    bool debit = false;
};

void runAppend(const AppendOptions &o)
{
    LedgerEntry draft;
    draft.kind = orFail(entryKindFromName(o.kind));
    const KindDirection dir = entryKindDirection(draft.kind);
    if (!o.member.empty())
        draft.member = parseId(o.member, "--member");
    if (!o.card.empty())
        draft.card = parseId(o.card, "--card");
    if (!o.staff.empty())
        draft.staff = parseId(o.staff, "--staff");
    draft.cardCounter = o.counter;
    draft.idempotencyKey = o.idempotencyKey.empty() ? Uuid::generate() : parseId(o.idempotencyKey, "--idempotency-key");
    draft.refs = o.refs;
    draft.extra = orFail(CanonicalCodec::canonicalJson(o.extra));

    int64_t points = parseCount(o.points, "--points");
    int64_t value = 0;
    if (!o.value.empty()) {
        const Currency currency = orFail(Currency::fromCode(o.value[1]));
        value = orFail(Money::parse(o.value[0], currency)).minor();
        if (value != 0)
            draft.currency = std::string(currency.code());
    }
    if (dir == KindDirection::None && (points != 0 || value != 0))
        throw CommandError{kExitUsage, "kind '" + o.kind + "' carries no amounts"};
    if (o.debit && dir != KindDirection::Either)
        throw CommandError{kExitUsage, "--debit applies only to kinds that go either way (adjust, reversal, transfer, return)"};
    if ((points != 0 || value != 0) && draft.member.isNil())
        throw CommandError{kExitUsage, "amounts need --member"};
    const bool negative = dir == KindDirection::Debit || (dir == KindDirection::Either && o.debit);
    if (negative) {
        points = -points;
        value = -value;
    }
    draft.pointsDelta = points;
    draft.depositDelta = value;

    auto dataDir = openDataDir(o.data);
    Ledger &ledger = dataDir->ledger();
    if (negative && !draft.member.isNil()) {
        const MemberBalance b = ledger.balance(draft.member);
        if (b.points + points < 0)
            throw CommandError{kExitFailed, "insufficient points: the member has " + std::to_string(b.points) +
                                                ", the entry takes " + std::to_string(-points)};
        if (value != 0 && b.deposit + value < 0)
            throw CommandError{kExitFailed, "insufficient stored value: the member has " + std::to_string(b.deposit) +
                                                " minor units of deposit, the entry takes " + std::to_string(-value)};
    }
    draft.timeMs = nowUtcMillis();
    const StoredEntry stored = orFail(ledger.append(draft));
    std::cout << entryToJson(stored) << "\n";
}
} // namespace

void addLedgerCommands(CLI::App &app)
{
    auto *ledger = app.add_subcommand("ledger", "Append to, verify, export and inspect the signed ledger");
    ledger->require_subcommand(1);

    auto a = std::make_shared<AppendOptions>();
    auto *append = ledger->add_subcommand("append", "Append one entry (low level, for tests and demos)");
    append->add_option("--data", a->data, "Kiosk data directory")->required();
    append->add_option("--kind", a->kind, "Entry kind (topup, earn, redeem, adjust, ...)")->required();
    append->add_option("--member", a->member, "Member id (UUID)");
    append->add_option("--points", a->points, "Points, a whole number >= 0; the kind decides the sign");
    append->add_option("--value", a->value, "Stored value: AMOUNT CURRENCY, e.g. 100.00 EUR (deposit balance)")
        ->expected(2);
    append->add_option("--card", a->card, "Card id (UUID)");
    append->add_option("--counter", a->counter, "Card counter after this entry");
    append->add_option("--staff", a->staff, "Staff member id (UUID)");
    append->add_option("--ref", a->refs, "Reference (repeatable), e.g. rule:earn-std@3");
    append->add_option("--idempotency-key", a->idempotencyKey, "Retry key (UUID; default: a new one)");
    append->add_option("--extra", a->extra, "Extra data: a JSON object with integer numbers");
    append->add_flag("--debit", a->debit, "Take the amounts away (for adjust, reversal, transfer, return)");
    append->callback([a] { runAppend(*a); });

    auto data = std::make_shared<std::string>();
    auto *verify = ledger->add_subcommand("verify", "Re-hash the chain, check every signature, rebuild balances");
    verify->add_option("--data", *data, "Kiosk data directory")->required();
    verify->callback([data] {
        auto dir = openDataDir(*data);
        const VerifyReport r = dir->ledger().verify();
        if (!r.ok)
            throw CommandError{kExitFailed, "verify FAILED: " + r.problem};
        std::cout << "ok: " << r.entries << " entries, head " << toHex(r.head) << "\n";
    });

    struct ExportOptions
    {
        std::string data, out;
        uint64_t seq = 0;
    };
    auto e = std::make_shared<ExportOptions>();
    auto *exportCmd = ledger->add_subcommand(
        "export", "Write entry.bin, entry.sig and device.pub.pem for checking with `openssl pkeyutl -verify`");
    exportCmd->add_option("--data", e->data, "Kiosk data directory")->required();
    exportCmd->add_option("--seq", e->seq, "Entry to export (from 1)")->required();
    exportCmd->add_option("--out", e->out, "Output directory (created if missing)")->required();
    exportCmd->callback([e] {
        auto dir = openDataDir(e->data);
        const StoredEntry s = orFail(dir->ledger().entry(e->seq));
        std::error_code ec;
        fs::create_directories(e->out, ec);
        if (ec)
            throw CommandError{kExitFailed, "cannot create " + e->out + ": " + ec.message()};
        const fs::path out(e->out);
        writeFile(out / "entry.bin", std::string_view(reinterpret_cast<const char *>(s.canonical.data()), s.canonical.size()));
        writeFile(out / "entry.sig", std::string_view(reinterpret_cast<const char *>(s.signature.data()), s.signature.size()));
        writeFile(out / "device.pub.pem", ed25519PublicKeyToPem(dir->ledger().devicePublicKey()));
        writeFile(out / "entry.json", entryToJson(s) + "\n");
        std::cout << "exported seq " << e->seq << " to " << e->out << "; check it with:\n"
                  << "  openssl pkeyutl -verify -pubin -inkey " << (out / "device.pub.pem").string() << " -rawin -in "
                  << (out / "entry.bin").string() << " -sigfile " << (out / "entry.sig").string() << "\n";
    });

    struct ShowOptions
    {
        std::string data;
        uint64_t from = 1;
        uint64_t limit = UINT64_MAX;
    };
    auto sh = std::make_shared<ShowOptions>();
    auto *show = ledger->add_subcommand("show", "Print entries as JSON lines");
    show->add_option("--data", sh->data, "Kiosk data directory")->required();
    show->add_option("--from", sh->from, "First seq (default 1)");
    show->add_option("--limit", sh->limit, "At most this many entries");
    show->callback([sh] {
        auto dir = openDataDir(sh->data);
        uint64_t next = sh->from, left = sh->limit;
        while (left > 0) {
            const auto page = orFail(dir->ledger().entries(next, std::min<uint64_t>(left, 1000)));
            for (const auto &s : page)
                std::cout << entryToJson(s) << "\n";
            if (page.empty())
                break;
            next = page.back().entry.seq + 1;
            left -= page.size();
        }
    });

    auto headData = std::make_shared<std::string>();
    auto *head = ledger->add_subcommand("head", "Print a fresh signed tree head (RFC 6962 root) as JSON");
    head->add_option("--data", *headData, "Kiosk data directory")->required();
    head->callback([headData] {
        auto dir = openDataDir(*headData);
        std::cout << orFail(dir->ledger().treeHead(nowUtcMillis())).toJson() << "\n";
    });
}

} // namespace tapledger::cli
