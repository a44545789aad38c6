#include "nfc/nfccardreader.h"

#include "nfc/freefaredesfirecard.h"

#include "core/bytes.h"

#include <freefare.h>
#include <nfc/nfc.h>

#include <algorithm>
#include <thread>

namespace tapledger::nfc {

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
    for (;;) {
        if (stop.stop_requested())
            return fail(ErrorCode::InvalidArgument, "cancelled");
        if (d->ensureOpen()) {
            d->freeTags();
            d->tags = freefare_get_tags(d->device);
            if (!d->tags) {
                d->deviceFailed();
            } else {
                for (MifareTag *t = d->tags; *t; ++t) {
                    char *uidHex = freefare_get_tag_uid(*t);
                    const std::string uidText = uidHex ? uidHex : "";
                    free(uidHex); // NOLINT: allocated by libfreefare
                    // 7-byte UID, or a random-ID card's 4-byte 08 xx xx xx (real UID via GetCardUID).
                    const bool randomId = uidText.size() == 8 && uidText.compare(0, 2, "08") == 0;
                    if (freefare_get_tag_type(*t) == DESFIRE && (uidText.size() == 14 || randomId)) {
                        auto bytes = fromHexExact(uidText, randomId ? 4 : 7, "uid");
                        if (bytes) {
                            d->uid = {};
                            std::copy(bytes->begin(), bytes->end(), d->uid.begin());
                            d->current = *t;
                            d->lastUnknown.clear();
                            d->emit(ReaderEvent::Kind::CardDetected, uidText);
                            return d->uid;
                        }
                    }
                    if (d->lastUnknown != uidText) {
                        d->lastUnknown = uidText;
                        d->emit(ReaderEvent::Kind::UnknownCard, "not a DESFire card: " + uidText);
                    }
                }
                if (!*d->tags)
                    d->lastUnknown.clear();
            }
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            if (!d->device)
                return fail(ErrorCode::Io, "card reader unavailable");
            return fail(ErrorCode::NotFound, "no card");
        }
        std::this_thread::sleep_for(d->pollInterval);
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
        std::this_thread::sleep_for(d->pollInterval);
    }
}

} // namespace tapledger::nfc
