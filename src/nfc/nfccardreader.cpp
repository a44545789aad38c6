#include "nfc/nfccardreader.h"

#include "nfc/freefaredesfirecard.h"

#include "core/bytes.h"

#include <freefare.h>
#include <nfc/nfc.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace tapledger::nfc {

namespace {

// One InAutoPoll (PN532 User Manual UM0701-02 §7.3.13) per round: PollNr 1, Period 1 (150 ms). The
// chip answers as soon as a card enters the field, so a tap is seen at once, and the round ends
// within 150 ms with no card, so a deadline or a stop request is honoured at the latest then (a stop
// request also aborts the poll in flight, see Impl::abortPoll).
constexpr uint8_t kPollNr = 1;
constexpr uint8_t kPollPeriod = 1;

// Sleeps @p d unless @p stop is requested first.
void sleepFor(std::chrono::milliseconds d, const std::stop_token &stop)
{
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock lock(m);
    cv.wait_for(lock, stop, d, [] { return false; });
}

} // namespace

struct NfcCardReader::Impl
{
    std::string connString;
    std::function<void(const ReaderEvent &)> handler;
    std::chrono::milliseconds pollInterval{50};
    nfc_context *context = nullptr;
    nfc_device *device = nullptr;
    MifareTag *tags = nullptr;  // the list from the last successful poll
    MifareTag current = nullptr; // the DESFire tag of the last waitForCard()
    CardUid uid{};
    bool reportedUnplugged = false;
    std::string lastUnknown;
    std::mutex pollMutex; // guards polling against abortPoll() from another thread
    bool polling = false; // inside nfc_initiator_poll_target()

    void emit(ReaderEvent::Kind kind, std::string detail) const
    {
        if (handler)
            handler(ReaderEvent{kind, std::move(detail)});
    }

    void freeTags()
    {
        if (tags)
            freefare_free_tags(tags);
        tags = nullptr;
        current = nullptr;
    }

    void closeDevice()
    {
        freeTags();
        if (device)
            nfc_close(device);
        device = nullptr;
    }

    bool ensureOpen()
    {
        if (device)
            return true;
        if (!context)
            nfc_init(&context);
        if (!context)
            return false;
        if (connString.empty()) {
            device = nfc_open(context, nullptr);
        } else {
            nfc_connstring cs{};
            if (connString.size() >= sizeof cs)
                return false;
            std::copy(connString.begin(), connString.end(), cs);
            device = nfc_open(context, cs);
        }
        if (!device) {
            if (!reportedUnplugged)
                emit(ReaderEvent::Kind::ReaderUnplugged, "cannot open reader " + connString);
            reportedUnplugged = true;
            return false;
        }
        if (nfc_initiator_init(device) < 0) {
            closeDevice();
            return false;
        }
        reportedUnplugged = false;
        emit(ReaderEvent::Kind::ReaderReady, nfc_device_get_name(device));
        return true;
    }

    void deviceFailed()
    {
        emit(ReaderEvent::Kind::ReaderUnplugged, "reader stopped answering: " + connString);
        reportedUnplugged = true;
        closeDevice();
    }

    // Waits one poll round for an ISO 14443-A target: > 0 one entered the field (or was there), 0
    // none, < 0 a libnfc error (NFC_EOPABORTED when abortPoll() cut it short).
    int pollOnce()
    {
        const nfc_modulation mod{NMT_ISO14443A, NBR_106};
        nfc_target target{};
        {
            const std::lock_guard lock(pollMutex);
            polling = true;
        }
        const int res = nfc_initiator_poll_target(device, &mod, 1, kPollNr, kPollPeriod, &target);
        const std::lock_guard lock(pollMutex);
        polling = false;
        return res;
    }

    // From a stop callback (any thread): aborts a poll in flight. libnfc's pn532_uart driver then
    // sends the chip an ACK, which ends its InAutoPoll (UM0701-02 §6.2.1.3), and the poll returns
    // NFC_EOPABORTED. Outside a poll nothing is done: the loop sees the stop request itself.
    void abortPoll()
    {
        const std::lock_guard lock(pollMutex);
        if (polling && device)
            nfc_abort_command(device);
    }

    // Lists the tags in the field: the DESFire card's UID, or nullopt (none, only foreign tags, which
    // set @p foreign and raise one UnknownCard event per tag, or a failed reader, which is closed).
    std::optional<CardUid> listTags(bool &foreign)
    {
        freeTags();
        tags = freefare_get_tags(device);
        if (!tags) {
            deviceFailed();
            return std::nullopt;
        }
        for (MifareTag *t = tags; *t; ++t) {
            char *uidHex = freefare_get_tag_uid(*t);
            const std::string uidText = uidHex ? uidHex : "";
            free(uidHex); // NOLINT: allocated by libfreefare
            // 7-byte UID, or a random-ID card's 4-byte 08 xx xx xx (real UID via GetCardUID).
            const bool randomId = uidText.size() == 8 && uidText.compare(0, 2, "08") == 0;
            if (freefare_get_tag_type(*t) == DESFIRE && (uidText.size() == 14 || randomId)) {
                auto bytes = fromHexExact(uidText, randomId ? 4 : 7, "uid");
                if (bytes) {
                    uid = {};
                    std::copy(bytes->begin(), bytes->end(), uid.begin());
                    current = *t;
                    lastUnknown.clear();
                    emit(ReaderEvent::Kind::CardDetected, uidText);
                    return uid;
                }
            }
            foreign = true;
            if (lastUnknown != uidText) {
                lastUnknown = uidText;
                emit(ReaderEvent::Kind::UnknownCard, "not a DESFire card: " + uidText);
            }
        }
        if (!*tags)
            lastUnknown.clear();
        return std::nullopt;
    }

    // Selects the current tag by UID; false when it is no longer in the field.
    bool selectCurrent()
    {
        const nfc_modulation mod{NMT_ISO14443A, NBR_106};
        nfc_target target{};
        return nfc_initiator_select_passive_target(device, mod, uid.data(), uidLength(uid), &target) > 0;
    }
};

NfcCardReader::NfcCardReader(std::string connString) : d(std::make_unique<Impl>())
{
    d->connString = std::move(connString);
}

NfcCardReader::~NfcCardReader()
{
    d->closeDevice();
    if (d->context)
        nfc_exit(d->context);
}

void NfcCardReader::setEventHandler(std::function<void(const ReaderEvent &)> handler)
{
    d->handler = std::move(handler);
}

void NfcCardReader::setPollInterval(std::chrono::milliseconds interval) noexcept
{
    d->pollInterval = interval;
}

Result<CardUid> NfcCardReader::waitForCard(std::chrono::milliseconds timeout, std::stop_token stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const std::stop_callback abort(stop, [this] { d->abortPoll(); });
    for (;;) {
        if (stop.stop_requested())
            return fail(ErrorCode::InvalidArgument, "cancelled");
        bool waited = false; // this round already spent its time in the chip's poll
        if (d->ensureOpen()) {
            bool look = true;
            if (timeout.count() > 0) {
                const int polled = d->pollOnce();
                waited = polled == 0;
                look = polled > 0;
                if (polled < 0 && polled != NFC_EOPABORTED && polled != NFC_ETIMEOUT)
                    d->deviceFailed();
            }
            bool foreign = false;
            if (look) {
                if (auto uid = d->listTags(foreign))
                    return *uid;
            }
            // A foreign tag stays in the field and would answer every poll at once: pace the rounds.
            waited = waited && !foreign;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            if (!d->device)
                return fail(ErrorCode::Io, "card reader unavailable");
            return fail(ErrorCode::NotFound, "no card");
        }
        if (!waited)
            sleepFor(d->pollInterval, stop);
    }
}

Result<void> NfcCardReader::runSession(const std::function<Result<void>(DesfireCard &)> &session)
{
    if (!d->device || !d->current)
        return fail(ErrorCode::InvalidArgument, "no card: call waitForCard first");
    // libfreefare 0.4.0 mifare_desfire_connect() treats "0 targets" as success (it checks >= 0):
    // select the UID ourselves first and treat no answer as a removed card.
    if (!d->selectCurrent() || mifare_desfire_connect(d->current) < 0) {
        d->emit(ReaderEvent::Kind::CardRemoved, "card left the field");
        return fail(ErrorCode::Io, "card removed");
    }
    FreefareDesfireCard card(d->current, d->uid);
    Result<void> result = session(card);
    mifare_desfire_disconnect(d->current);
    if (!result.ok() && result.error().code == ErrorCode::Io)
        d->emit(ReaderEvent::Kind::CardRemoved, "card left the field during the session");
    return result;
}

Result<void> NfcCardReader::waitForRemoval(std::chrono::milliseconds timeout, std::stop_token stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (stop.stop_requested())
            return fail(ErrorCode::InvalidArgument, "cancelled");
        if (!d->device || !d->current || !d->selectCurrent()) {
            d->freeTags();
            d->emit(ReaderEvent::Kind::CardRemoved, "card left the field");
            return {};
        }
        nfc_initiator_deselect_target(d->device);
        if (std::chrono::steady_clock::now() >= deadline)
            return fail(ErrorCode::NotFound, "card still present");
        sleepFor(d->pollInterval, stop);
    }
}

} // namespace tapledger::nfc
