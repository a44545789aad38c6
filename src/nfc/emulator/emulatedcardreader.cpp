#include "nfc/emulator/emulatedcardreader.h"

#include "nfc/desfireclient.h"

#include <condition_variable>
#include <mutex>
#include <optional>

namespace tapledger::nfc {

struct EmulatedCardReader::Impl
{
    // Shared with the control threads: guarded by mutex.
    mutable std::mutex mutex;
    std::condition_variable_any wake;
    uint64_t version = 0;      // +1 on every change a waiter may care about
    uint64_t presentation = 0; // +1 whenever the field changes
    std::shared_ptr<DesfireEmulator> card;
    bool uidOnly = false;
    std::array<uint8_t, 4> uidOnlyUid{};
    bool connected = true;
    FaultPlan faults;
    std::function<void(const DesfireEmulator &)> cardChanged;

    // The owner thread's state.
    std::function<void(const ReaderEvent &)> handler;
    std::shared_ptr<DesfireEmulator> current; // the card of the last waitForCard()
    uint64_t currentPresentation = 0;
    bool announcedReady = false;
    bool announcedUnplugged = false;
    uint64_t announcedUnknown = 0; // presentation of the UID-only tag last reported

    void emit(ReaderEvent::Kind kind, std::string detail) const
    {
        if (handler)
            handler(ReaderEvent{kind, std::move(detail)});
    }

    void changedLocked()
    {
        ++version;
        wake.notify_all();
    }

    void takeOutLocked()
    {
        if (card)
            card->powerOff();
        card.reset();
        uidOnly = false;
        ++presentation;
        changedLocked();
    }
};

EmulatedCardReader::EmulatedCardReader() : d(std::make_unique<Impl>()) {}

EmulatedCardReader::~EmulatedCardReader() = default;

void EmulatedCardReader::setEventHandler(std::function<void(const ReaderEvent &)> handler)
{
    d->handler = std::move(handler);
}

Result<CardUid> EmulatedCardReader::waitForCard(std::chrono::milliseconds timeout, std::stop_token stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(d->mutex);
    for (;;) {
        if (stop.stop_requested())
            return fail(ErrorCode::InvalidArgument, "cancelled");
        std::optional<ReaderEvent> event;
        if (!d->connected) {
            d->announcedReady = false;
            if (!d->announcedUnplugged)
                event = ReaderEvent{ReaderEvent::Kind::ReaderUnplugged, "emulated reader unplugged"};
            d->announcedUnplugged = true;
        } else if (!d->announcedReady) {
            d->announcedReady = true;
            d->announcedUnplugged = false;
            event = ReaderEvent{ReaderEvent::Kind::ReaderReady, "emulated reader (in-process)"};
        } else if (d->card) {
            d->current = d->card;
            d->currentPresentation = d->presentation;
            const CardUid uid = d->card->anticollisionUid();
            lock.unlock();
            d->emit(ReaderEvent::Kind::CardDetected, toHex(uid));
            return uid;
        } else if (d->uidOnly && d->announcedUnknown != d->presentation) {
            d->announcedUnknown = d->presentation;
            event = ReaderEvent{ReaderEvent::Kind::UnknownCard, "not a DESFire card: " + toHex(d->uidOnlyUid)};
        }
        if (event) {
            lock.unlock(); // the handler may call the control functions
            d->emit(event->kind, event->detail);
            lock.lock();
            continue;
        }
        const uint64_t seen = d->version;
        if (!d->wake.wait_until(lock, stop, deadline, [&] { return d->version != seen; })) {
            if (stop.stop_requested())
                return fail(ErrorCode::InvalidArgument, "cancelled");
            if (!d->connected)
                return fail(ErrorCode::Io, "card reader unavailable");
            return fail(ErrorCode::NotFound, "no card");
        }
    }
}

Result<void> EmulatedCardReader::runSession(const std::function<Result<void>(DesfireCard &)> &session)
{
    std::shared_ptr<DesfireEmulator> card;
    uint64_t presentation = 0;
    CardUid uid{};
    {
        std::unique_lock lock(d->mutex);
        if (!d->current)
            return fail(ErrorCode::InvalidArgument, "no card: call waitForCard first");
        if (!d->connected) {
            lock.unlock();
            d->announcedUnplugged = true;
            d->emit(ReaderEvent::Kind::ReaderUnplugged, "emulated reader unplugged");
            return fail(ErrorCode::Io, "card reader unavailable");
        }
        if (d->card != d->current) {
            lock.unlock();
            d->emit(ReaderEvent::Kind::CardRemoved, "card left the field");
            return fail(ErrorCode::Io, "card removed");
        }
        card = d->card;
        presentation = d->presentation;
        uid = card->anticollisionUid();
        card->powerOff(); // ISO 14443-4 activation: a fresh session, as after RATS
    }
    bool readerGone = false;
    DesfireClient client(
        [&](ByteView apdu) -> Result<Bytes> {
            std::lock_guard lock(d->mutex);
            if (!d->connected) {
                readerGone = true;
                return fail(ErrorCode::Io, "card reader unavailable");
            }
            if (d->card != card || d->presentation != presentation)
                return fail(ErrorCode::Io, "the card did not answer (removed?)");
            FaultPlan::Exchange x = d->faults.exchange(*card, apdu, d->cardChanged);
            if (x.removeCard)
                d->takeOutLocked();
            if (!x.answer)
                return fail(ErrorCode::Io, "the card did not answer (removed?)");
            return std::move(*x.answer);
        },
        uid);
    Result<void> result = session(client);
    if (!result.ok() && result.error().code == ErrorCode::Io) {
        if (readerGone) {
            d->announcedUnplugged = true;
            d->emit(ReaderEvent::Kind::ReaderUnplugged, "emulated reader unplugged during the session");
        } else {
            d->emit(ReaderEvent::Kind::CardRemoved, "card left the field during the session");
        }
    }
    return result;
}

Result<void> EmulatedCardReader::waitForRemoval(std::chrono::milliseconds timeout, std::stop_token stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(d->mutex);
    if (stop.stop_requested())
        return fail(ErrorCode::InvalidArgument, "cancelled");
    const auto gone = [&] {
        return !d->current || !d->connected || d->card != d->current || d->presentation != d->currentPresentation;
    };
    if (!d->wake.wait_until(lock, stop, deadline, gone)) {
        if (stop.stop_requested())
            return fail(ErrorCode::InvalidArgument, "cancelled");
        return fail(ErrorCode::NotFound, "card still present");
    }
    d->current.reset();
    lock.unlock();
    d->emit(ReaderEvent::Kind::CardRemoved, "card left the field");
    return {};
}

void EmulatedCardReader::presentCard(std::shared_ptr<DesfireEmulator> card)
{
    std::lock_guard lock(d->mutex);
    d->takeOutLocked();
    if (card)
        card->enterField();
    d->card = std::move(card);
    d->faults.restartCount();
}

void EmulatedCardReader::presentUidOnlyTag(const std::array<uint8_t, 4> &uid)
{
    std::lock_guard lock(d->mutex);
    d->takeOutLocked();
    d->uidOnly = true;
    d->uidOnlyUid = uid;
}

void EmulatedCardReader::removeCard()
{
    std::lock_guard lock(d->mutex);
    d->takeOutLocked();
}

bool EmulatedCardReader::cardPresent() const
{
    std::lock_guard lock(d->mutex);
    return d->card != nullptr || d->uidOnly;
}

void EmulatedCardReader::setFault(const Pn532Fault &fault)
{
    std::lock_guard lock(d->mutex);
    d->faults.arm(fault);
}

uint64_t EmulatedCardReader::cardCommands() const
{
    std::lock_guard lock(d->mutex);
    return d->faults.commands();
}

void EmulatedCardReader::setConnected(bool connected)
{
    std::lock_guard lock(d->mutex);
    d->connected = connected;
    d->changedLocked();
}

void EmulatedCardReader::setCardChangedHandler(std::function<void(const DesfireEmulator &)> handler)
{
    std::lock_guard lock(d->mutex);
    d->cardChanged = std::move(handler);
}

} // namespace tapledger::nfc
