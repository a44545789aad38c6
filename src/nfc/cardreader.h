#pragma once

#include "core/result.h"
#include "nfc/desfirecard.h"

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>

namespace tapledger::nfc {

/// A status change a reader reports to the kiosk (shown in the status bar, never fatal).
struct ReaderEvent
{
    enum class Kind {
        ReaderReady,     ///< the reader is open and polling
        ReaderUnplugged, ///< the reader cannot be opened or stopped answering; it is retried
        CardDetected,    ///< a DESFire card entered the field
        CardRemoved,     ///< the card left the field (possibly mid-session)
        UnknownCard,     ///< a tag that is not a DESFire card ("card not recognised")
    };
    Kind kind;
    std::string detail; ///< one line for people (device name, UID hex); never key material
};

/// The card reader seam: the kiosk waits for a card, runs one session on it and waits for its
/// removal. Implementations never throw, never crash on a vanished reader or card and never
/// block past the given timeouts (plus one reader round trip, or one poll round of the chip: at
/// most 150 ms for NfcCardReader).
class CardReader
{
public:
    virtual ~CardReader() = default;

    /// Receives status events (called on the caller's thread, from inside the calls below).
    virtual void setEventHandler(std::function<void(const ReaderEvent &)> handler) = 0;

    /// Waits up to @p timeout for a DESFire card (ISO 14443-4A, ATS of a DESFire) and returns its
    /// anticollision UID. NotFound on timeout; Io when the reader is unavailable at the deadline;
    /// InvalidArgument("cancelled") when @p stop is requested. Other tags raise UnknownCard events.
    virtual Result<CardUid> waitForCard(std::chrono::milliseconds timeout, std::stop_token stop = {}) = 0;

    /// Runs @p session on the card returned by the last waitForCard(): connects (ISO 14443-4
    /// activation), calls @p session, disconnects. Io (and a CardRemoved event) if the card is gone.
    virtual Result<void> runSession(const std::function<Result<void>(DesfireCard &)> &session) = 0;

    /// Waits until the last card leaves the field: ok when gone, NotFound at @p timeout.
    virtual Result<void> waitForRemoval(std::chrono::milliseconds timeout, std::stop_token stop = {}) = 0;
};

} // namespace tapledger::nfc
