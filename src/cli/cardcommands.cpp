#include "cli/cardcommands.h"

#include "cli/clisupport.h"
#include "core/card.h"
#include "core/crypto/constanttime.h"
#include "core/crypto/ed25519secretkey.h"
#include "nfc/an10922.h"
#include "nfc/cardmasterkeys.h"
#include "nfc/cardstateverifier.h"
#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/ptypn532.h"
#include "nfc/nfccardreader.h"
#include "nfc/pkcs11cardkeystore.h"
#include "nfc/readerdoctor.h"
#include "nfc/tapledgercard.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace tapledger::cli {

namespace {

using namespace std::chrono_literals;
using nfc::CardMasterKeys;

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw CommandError{kExitFailed, "cannot read " + path};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Aes128Key keyFromHex(const std::string &hex, const char *what)
{
    auto parsed = fromHexExact(hex, 16, what);
    if (!parsed) // fromHex quotes bad input: never echo (almost) key material
        throw CommandError{kExitFailed, std::string(what) + " must be 32 hex digits"};
    Bytes b = std::move(*parsed);
    Aes128Key k{};
    std::copy(b.begin(), b.end(), k.begin());
    secureZero(b);
    return k;
}

void deriveKey(const std::string &masterHex, const std::string &uidHex, const std::string &aidHex,
               const std::string &sysIdHex)
{
    Aes128Key master = keyFromHex(masterHex, "--master");
    const Bytes uid = orFail(fromHex(uidHex));
    const Bytes aid = orFail(fromHexExact(aidHex, 3, "--aid"));
    const Bytes sysId = orFail(fromHex(sysIdHex));
    const Bytes m = orFail(nfc::An10922::input(uid, aid, sysId));
    Aes128Key key = orFail(nfc::An10922::diversify(master, m));
    std::cout << toHex(key) << "\n";
    secureZero(master);
    secureZero(key);
}

// ---- card emulate ---------------------------------------------------------------------------

struct EmulatedCard
{
    std::string path;
    std::shared_ptr<nfc::DesfireEmulator> card;
};

void printHelp()
{
    std::cout << "commands: present N | remove | uid-only HEX8 | fault remove-after N [lose] | fault corrupt N |"
                 " fault clear | status | quit\n"
              << std::flush;
}

bool handleLine(const std::string &line, nfc::Pn532Emulator &chip, const std::vector<EmulatedCard> &cards)
{
    std::istringstream in(line);
    std::string cmd;
    in >> cmd;
    if (cmd.empty())
        return true;
    if (cmd == "quit" || cmd == "exit")
        return false;
    if (cmd == "present") {
        size_t n = 1;
        in >> n;
        if (n < 1 || n > cards.size()) {
            std::cout << "error: no card " << n << "\n";
        } else {
            chip.presentCard(cards[n - 1].card);
            std::cout << "ok: card " << n << " uid " << toHex(cards[n - 1].card->uid()) << " presented\n";
        }
    } else if (cmd == "remove") {
        chip.removeCard();
        std::cout << "ok: field empty\n";
    } else if (cmd == "uid-only") {
        std::string hex;
        in >> hex;
        auto uid = fromHexExact(hex, 4, "uid");
        if (!uid) {
            std::cout << "error: " << uid.error().message << "\n";
        } else {
            chip.presentUidOnlyTag({(*uid)[0], (*uid)[1], (*uid)[2], (*uid)[3]});
            std::cout << "ok: UID-only tag presented\n";
        }
    } else if (cmd == "fault") {
        std::string kind;
        uint64_t n = 0;
        std::string option;
        in >> kind >> n >> option;
        nfc::Pn532Fault fault;
        if (kind == "remove-after" && n > 0) {
            fault.removeAfter = n;
            fault.loseLastAnswer = option == "lose";
        } else if (kind == "corrupt" && n > 0) {
            fault.corruptAnswer = n;
        } else if (kind != "clear") {
            std::cout << "error: fault remove-after N [lose] | fault corrupt N | fault clear\n";
            return true;
        }
        chip.setFault(fault);
        std::cout << "ok: fault armed\n";
    } else if (cmd == "status") {
        std::cout << "ok: " << (chip.cardPresent() ? "card present" : "field empty") << ", "
                  << chip.cardCommands() << " card commands\n";
    } else {
        printHelp();
    }
    std::cout << std::flush;
    return true;
}

void emulate(const std::string &link, const std::vector<std::string> &cardFiles)
{
    std::vector<EmulatedCard> cards;
    for (const auto &path : cardFiles) {
        auto image = nfc::DesfireImage::load(path);
        if (!image && image.error().code == ErrorCode::NotFound) {
            image = nfc::DesfireImage::blankRandom();
            orFail(image->save(path));
            std::cout << "created blank card " << path << " uid " << toHex(image->uid) << "\n";
        }
        cards.push_back({path, std::make_shared<nfc::DesfireEmulator>(orFail(std::move(image)))});
    }
    if (cards.empty())
        cards.push_back({"", std::make_shared<nfc::DesfireEmulator>(nfc::DesfireImage::blankRandom())});

    auto chip = std::make_shared<nfc::Pn532Emulator>();
    chip->setCardChangedHandler([&cards](const nfc::DesfireEmulator &changed) {
        for (const auto &c : cards)
            if (c.card.get() == &changed && !c.path.empty()) {
                auto saved = changed.image().save(c.path);
                if (!saved)
                    std::cerr << "tapledger: warning: " << saved.error().message << "\n";
            }
    });
    chip->presentCard(cards.front().card);

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr); // before the pty thread starts

    auto pty = orFail(nfc::PtyPn532::start(chip, link));
    std::cout << "pty: " << pty->slavePath() << "\n"
              << "device: " << pty->connString() << "\n"
              << "card 1 uid " << toHex(cards.front().card->uid()) << " presented\n";
    printHelp();

    bool stdinOpen = true;
    std::string pending;
    for (;;) {
        const timespec zero{0, 0};
        if (sigtimedwait(&signals, nullptr, &zero) > 0)
            break;
        if (!stdinOpen) {
            const timespec tick{0, 100'000'000};
            if (sigtimedwait(&signals, nullptr, &tick) > 0)
                break;
            continue;
        }
        pollfd pfd{STDIN_FILENO, POLLIN, 0};
        if (::poll(&pfd, 1, 100) <= 0)
            continue;
        char buf[256];
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) {
            stdinOpen = false; // keep serving until SIGINT/SIGTERM
            continue;
        }
        pending.append(buf, static_cast<size_t>(n));
        size_t nl = 0;
        bool quit = false;
        while ((nl = pending.find('\n')) != std::string::npos) {
            const std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            if (!handleLine(line, *chip, cards)) {
                quit = true;
                break;
            }
        }
        if (quit)
            break;
    }
}

// ---- issue / read / format ------------------------------------------------------------------

struct ReaderOptions
{
    std::string device;
    std::string keysFile;
    int timeoutMs = 10000;
};

void addReaderOptions(CLI::App *cmd, ReaderOptions &o)
{
    cmd->add_option("--device", o.device, "libnfc connection string, e.g. pn532_uart:/dev/ttyUSB0")->required();
    cmd->add_option("--keys", o.keysFile, "card master key file (JSON, mode 0600)")->required();
    cmd->add_option("--timeout-ms", o.timeoutMs, "how long to wait for a card")->check(CLI::Range(1, 600000));
}

void withCard(const ReaderOptions &o, const std::function<Result<void>(nfc::TapLedgerCard &, const nfc::CardUid &)> &fn)
{
    const CardMasterKeys keys = orFail(CardMasterKeys::load(o.keysFile));
    nfc::NfcCardReader reader(o.device);
    reader.setEventHandler([](const nfc::ReaderEvent &e) {
        if (e.kind == nfc::ReaderEvent::Kind::UnknownCard || e.kind == nfc::ReaderEvent::Kind::ReaderUnplugged)
            std::cerr << "tapledger: " << e.detail << "\n";
    });
    const nfc::CardUid uid = orFail(reader.waitForCard(std::chrono::milliseconds(o.timeoutMs)));
    orFail(reader.runSession([&](nfc::DesfireCard &card) {
        nfc::TapLedgerCard app(card, keys);
        return fn(app, uid);
    }));
}

struct IssueOptions
{
    ReaderOptions reader;
    std::string kioskKeyFile;
    std::string kioskId = "tapledger-cli";
    std::string memberId;
    std::string cardId;
    std::string issuer = "HQ";
    std::string role = "none";
    std::string currency;
};

void issue(const IssueOptions &o)
{
    auto signer = orFail(Ed25519SecretKey::fromPem(readText(o.kioskKeyFile)));
    nfc::MemberRecord record;
    record.role = orFail(cardRoleFromName(o.role));
    record.type = record.role == Card::Role::None ? nfc::MemberRecord::CardType::Member
                                                      : nfc::MemberRecord::CardType::Staff;
    record.memberId = orFail(Uuid::parse(o.memberId));
    record.cardId = o.cardId.empty() ? Uuid::generate() : orFail(Uuid::parse(o.cardId));
    record.issuer = o.issuer;
    record.issuedAtMs = nowUtcMillis();
    using Kind = nfc::StateWriteOutcome::Kind;
    Kind outcome = Kind::NotCommitted;
    withCard(o.reader, [&](nfc::TapLedgerCard &app, const nfc::CardUid &uid) -> Result<void> {
        auto real = app.uid(); // GetCardUID on a random-ID card
        if (!real)
            return std::move(real).error();
        nfc::CardStateToken token;
        token.uid = *real;
        token.cardId = record.cardId;
        token.memberId = record.memberId;
        token.counter = 0; // a fresh card's counter, as the kiosk (CardTerminal::issueCard) writes it
        token.currency = o.currency;
        token.kioskId = o.kioskId;
        token.timeMs = record.issuedAtMs;
        TL_TRY(token.sign(signer));
        auto issued = app.issue(record, token);
        if (!issued)
            return std::move(issued).error();
        outcome = issued->kind;
        if (outcome == Kind::NotCommitted)
            return fail(ErrorCode::Io, "personalisation not committed: " + issued->detail);
        // Committed, or Unknown: the commit reached the card but its answer was lost.
        std::cout << nlohmann::json{{"uid", toHex(*real)},
                                    {"random_id", nfc::isRandomUid(uid)},
                                    {"card_id", record.cardId.toString()},
                                    {"member_id", record.memberId.toString()},
                                    {"role", std::string(cardRoleName(record.role))},
                                    {"outcome", outcome == Kind::Committed ? "issued" : "unknown"}}
                         .dump()
                  << "\n";
        return {};
    });
    if (outcome == Kind::Unknown)
        throw CommandError{kExitFailed, "issue outcome unknown (the card's last answer was lost): the card may be "
                                        "issued; tap it again and run `tapledger card read` to check"};
}

void read(const ReaderOptions &o, const std::vector<std::string> &trustFiles)
{
    std::vector<Ed25519PublicKey> trusted;
    for (const auto &f : trustFiles)
        trusted.push_back(orFail(ed25519PublicKeyFromPem(readText(f))));
    bool refused = false;
    bool noState = false;
    withCard(o, [&](nfc::TapLedgerCard &app, const nfc::CardUid &uid) -> Result<void> {
        auto c = app.read();
        if (!c)
            return fail(c.error().code, "card not recognised: " + c.error().message);
        nlohmann::json out{{"uid", toHex(c->uid)},
                           {"random_id", nfc::isRandomUid(uid)},
                           {"key_version", c->keyVersion},
                           {"card_id", c->record.cardId.toString()},
                           {"member_id", c->record.memberId.toString()},
                           {"issuer", c->record.issuer},
                           {"role", std::string(cardRoleName(c->record.role))}};
        auto token = nfc::CardStateToken::decode(c->stateBytes);
        if (!token)
            noState = true;
        out["state"] = nullptr;
        if (token)
            out["state"] = {{"counter", token->counter}, {"ledger_seq", token->ledgerSeq},
                            {"deposit", token->deposit}, {"bonus", token->bonus},
                            {"points", token->points},   {"currency", token->currency},
                            {"kiosk_id", token->kioskId}, {"time_ms", token->timeMs}};
        if (!trusted.empty()) {
            const auto verdict = nfc::CardStateVerifier(trusted).check(c->stateBytes, c->uid, c->record, std::nullopt);
            out["verdict"] = verdict.accepted() ? "accepted" : std::string(nfc::cardAlertReasonName(verdict.alert->reason));
            refused = !verdict.accepted();
        }
        std::cout << out.dump(2) << "\n";
        return {};
    });
    if (noState)
        throw CommandError{kExitFailed, "card holds no card state (half-issued?): issue it again"};
    if (refused)
        throw CommandError{kExitFailed, "card state refused"};
}

// ---- keys ----------------------------------------------------------------------------------

std::string modeText(const std::string &path)
{
    std::error_code ec;
    const auto perms = std::filesystem::status(path, ec).permissions();
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(perms) & 07777U);
    return text;
}

/// What `card keys show-public` prints: generations and check values, never a master.
void printPublic(const std::string &path, const CardMasterKeys &keys)
{
    nlohmann::json gens = nlohmann::json::array();
    for (const uint8_t g : keys.generations())
        gens.push_back({{"generation", g}, {"kcv", orFail(keys.checkValue(g))}});
    std::cout << nlohmann::json{{"file", path}, {"mode", modeText(path)}, {"current", keys.current()}, {"generations", gens}}
                     .dump(2)
              << "\n";
}

void addKeyCommands(CLI::App &card)
{
    CLI::App *keys = card.add_subcommand("keys", "card master key store: init, rotate, show-public");
    keys->require_subcommand(1);
    auto path = std::make_shared<std::string>();
    CLI::App *init = keys->add_subcommand("init", "create a key store with a random generation-1 master (mode 0600)");
    init->add_option("--keys", *path, "key file to create (refused if it exists)")->required();
    init->callback([path] {
        CardMasterKeys store;
        orFail(store.addGenerated());
        orFail(store.save(*path, true));
        printPublic(*path, store);
    });
    CLI::App *rotate = keys->add_subcommand("rotate", "add a random master as the next generation and make it current");
    rotate->add_option("--keys", *path, "key file (mode 0600)")->required();
    rotate->callback([path] {
        CardMasterKeys store = orFail(CardMasterKeys::load(*path));
        orFail(store.addGenerated());
        orFail(store.save(*path, false));
        printPublic(*path, store);
    });
    auto token = std::make_shared<std::pair<std::string, std::string>>();
    CLI::App *tok = keys->add_subcommand("token-add", "add a master to a PKCS#11 token (generated inside it, or "
                                                      "--import every generation of a key file); non-extractable");
    tok->add_option("--token", token->first, "pkcs11:module=<path>;token=<label>;pin-file=<path>")->required();
    tok->add_option("--import", token->second, "key file (mode 0600) whose generations move into the token");
    tok->callback([token] {
        auto store = orFail(nfc::Pkcs11CardKeyStore::open(orFail(nfc::Pkcs11CardKeyStore::configFromUri(token->first))));
        if (token->second.empty()) {
            if (store->current() == 255)
                throw CommandError{kExitFailed, "key generation 255 is taken: no room for another generation"};
            orFail(store->addMaster(static_cast<uint8_t>(store->current() + 1), std::nullopt));
        } else {
            const CardMasterKeys file = orFail(CardMasterKeys::load(token->second));
            for (const uint8_t g : file.generations()) {
                Aes128Key m = orFail(file.master(g));
                auto added = store->addMaster(g, m);
                secureZero(m);
                orFail(added);
            }
        }
        std::cout << nlohmann::json{{"token", true}, {"current", store->current()}}.dump() << "\n";
    });
    CLI::App *show = keys->add_subcommand("show-public", "print generations and key check values (never a key)");
    show->add_option("--keys", *path, "key file (mode 0600)")->required();
    show->callback([path] { printPublic(*path, orFail(CardMasterKeys::load(*path))); });
}

/// `card doctor`: the reader's state for people, exit 1 unless it is ready.
void doctor(const std::string &device)
{
    const nfc::DoctorReport r = nfc::ReaderDoctor::examine(device);
    std::cout << "reader: " << r.connString << "\n"
              << "opened: " << (r.opened ? "yes" : "no") << "\n";
    if (r.opened)
        std::cout << "device: " << r.device << "\n"
                  << "firmware: " << (r.firmware.empty() ? "?" : r.firmware) << "\n"
                  << "field: " << (r.targets.empty() ? "no tag" : std::to_string(r.targets.size()) + " tag(s)") << "\n";
    for (const auto &t : r.targets)
        std::cout << "  " << t << "\n";
    for (const auto &f : r.findings)
        std::cout << "problem: " << f.problem << "\n  fix: " << f.fix << "\n";
    std::cout << std::flush;
    if (!r.healthy())
        throw CommandError{kExitFailed, "reader not ready (" + std::to_string(r.findings.size()) + " problem(s) above)"};
}

} // namespace

void addCardCommands(CLI::App &app)
{
    CLI::App *card = app.add_subcommand("card", "DESFire card tools: keys, key derivation, emulation, issue, read, format");
    card->require_subcommand(1);

    auto derive = std::make_shared<std::array<std::string, 4>>();
    CLI::App *d = card->add_subcommand("derive-key", "AN10922 AES-128 key diversification (prints the key in hex)");
    d->add_option("--master", (*derive)[0], "master key, 32 hex digits")->required();
    d->add_option("--uid", (*derive)[1], "card UID, 8/14/20 hex digits")->required();
    d->add_option("--aid", (*derive)[2], "application id, 6 hex digits in wire order (LSB first)")->required();
    d->add_option("--sysid", (*derive)[3], "system identifier, hex")->required();
    d->callback([derive] { deriveKey((*derive)[0], (*derive)[1], (*derive)[2], (*derive)[3]); });

    auto emu = std::make_shared<std::pair<std::string, std::vector<std::string>>>();
    CLI::App *e = card->add_subcommand("emulate", "serve an emulated PN532 with DESFire cards on a pseudo-terminal");
    e->add_option("--link", emu->first, "also create this symlink to the pty");
    e->add_option("--card", emu->second, "card image file (JSON; created blank if missing); repeatable");
    e->callback([emu] { emulate(emu->first, emu->second); });

    auto iss = std::make_shared<IssueOptions>();
    CLI::App *i = card->add_subcommand("issue", "personalise the card on the reader for a member or staff");
    addReaderOptions(i, iss->reader);
    i->add_option("--kiosk-key", iss->kioskKeyFile, "Ed25519 private key PEM signing the card state")->required();
    i->add_option("--member", iss->memberId, "member (or staff) id, UUID")->required();
    i->add_option("--card-id", iss->cardId, "card id, UUID (default: random)");
    i->add_option("--issuer", iss->issuer, "issuer code, 1..16 ASCII chars");
    i->add_option("--staff", iss->role, "staff role: cashier, supervisor, admin (default: member card)")
        ->check(CLI::IsMember({"none", "cashier", "supervisor", "admin"}));
    i->add_option("--kiosk-id", iss->kioskId, "kiosk id recorded in the card state");
    i->add_option("--currency", iss->currency, "ISO 4217 currency of the balances");
    i->callback([iss] { issue(*iss); });

    auto rd = std::make_shared<std::pair<ReaderOptions, std::vector<std::string>>>();
    CLI::App *r = card->add_subcommand("read", "authenticate and read the card on the reader (JSON)");
    addReaderOptions(r, rd->first);
    r->add_option("--trust", rd->second, "kiosk public key PEM to verify the card state with; repeatable");
    r->callback([rd] { read(rd->first, rd->second); });

    auto fmt = std::make_shared<std::pair<ReaderOptions, bool>>();
    CLI::App *f = card->add_subcommand("format", "delete every application on the card (FormatPICC); needs --yes");
    addReaderOptions(f, fmt->first);
    f->add_flag("--yes", fmt->second, "confirm: the card's member record and balances are wiped");
    f->callback([fmt] {
        if (!fmt->second)
            throw CommandError{kExitUsage, "formatting wipes the card (member record, balances): add --yes to confirm"};
        withCard(fmt->first, [](nfc::TapLedgerCard &a, const nfc::CardUid &) { return a.format(); });
        std::cout << "formatted\n";
    });

    addKeyCommands(*card);

    auto doc = std::make_shared<std::string>();
    CLI::App *dr = card->add_subcommand("doctor", "open a reader, print its firmware and what it sees, name conflicts");
    dr->add_option("--device", *doc, "libnfc connection string, e.g. acr122_usb, pn532_uart:/dev/ttyUSB0")->required();
    dr->callback([doc] { doctor(*doc); });
}

} // namespace tapledger::cli
