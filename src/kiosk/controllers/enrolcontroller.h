#pragma once

#include "controllers/controllerbase.h"
#include "models/membersearchmodel.h"
#include "services/cardservice.h"

#include <QtQml/qqmlregistration.h>

#include <functional>

namespace tapledger::kiosk {

/// The issuer code written into new member cards (nfc::MemberRecord::issuer, 1..16 ASCII) unless
/// the screen's `issuer` property says otherwise.
inline constexpr const char *kDefaultCardIssuer = "TAPLEDGER";

/// Personalises the blank card in the field as a new member card of @p member (a fresh card id,
/// @p issuer, issued now) and registers it in the engine as one step: @p registerCard(cardId)
/// runs first inside an engine batch, so a refusal (unknown member, old card not active) leaves
/// the card blank; then CardService::issueCard writes the card; the batch commits only when the
/// card was written, else it rolls back and nothing is registered. @p busy(true/false) brackets
/// the card write; @p done runs on the GUI thread unless @p context is destroyed first (the batch
/// is finished either way). Used by the enrol and replace-card screens.
struct CardIssueOutcome
{
    Result<Receipt> receipt;  ///< the registration's receipt, or the card's or the engine's error
    Uuid cardId;              ///< the new card's TapLedger id
    bool cardFailed = false;  ///< the error came from the card (none in the field, not blank…)
};
void runCardIssue(EngineService &engine, CardService &cards, const Uuid &member, const QString &issuer,
                  QObject *context, const std::function<Result<Receipt>(const Uuid &cardId)> &registerCard,
                  std::function<void(bool)> busy, std::function<void(const CardIssueOutcome &)> done);

/// The staff enrol screen: a duplicate check by name / phone with a "use this member instead?"
/// offer, the enrolment itself and the personalisation of the blank card in the field as the new
/// member's card. The member's handle (lookup key, unique) is the phone as typed when one is
/// given, else a generated membership number "M" + 12 digits derived from the new member id.
class EnrolController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(tapledger::kiosk::CardService *cards READ cards WRITE setCards NOTIFY cardsChanged)
    /// Issuer code for new cards (default "TAPLEDGER").
    Q_PROPERTY(QString issuer READ issuer WRITE setIssuer NOTIFY cardsChanged)
    /// Possible duplicates of the member being enrolled (checkDuplicates()).
    Q_PROPERTY(tapledger::kiosk::MemberSearchModel *duplicates READ duplicates CONSTANT)
    Q_PROPERTY(bool hasDuplicates READ hasDuplicates NOTIFY changed)
    Q_PROPERTY(State state READ state NOTIFY changed)
    /// The enrolled member's id ("" before enrol()).
    Q_PROPERTY(QString memberId READ memberId NOTIFY changed)
    /// The enrolled member's handle (phone or membership number).
    Q_PROPERTY(QString handle READ handle NOTIFY changed)
    Q_PROPERTY(QString memberName READ memberName NOTIFY changed)
    /// True once the new card is personalised and registered.
    Q_PROPERTY(bool cardIssued READ cardIssued NOTIFY changed)

public:
    enum class State {
        Editing,    ///< filling in the form
        Enrolled,   ///< member enrolled, no card yet
        Issuing,    ///< the card in the field is being personalised
        CardIssued, ///< done
    };
    Q_ENUM(State)

    explicit EnrolController(QObject *parent = nullptr);

    CardService *cards() const { return m_cards; }
    void setCards(CardService *cards);
    QString issuer() const { return m_issuer; }
    void setIssuer(const QString &issuer);
    MemberSearchModel *duplicates() { return &m_duplicates; }
    bool hasDuplicates() const { return m_duplicates.rowCount() > 0; }
    State state() const noexcept { return m_state; }
    QString memberId() const;
    QString handle() const { return m_handle; }
    QString memberName() const { return m_name; }
    bool cardIssued() const noexcept { return m_state == State::CardIssued; }

    /// Fills `duplicates` with members of the same phone or name; true when any. Both empty:
    /// clears the list without an error.
    Q_INVOKABLE bool checkDuplicates(const QString &name, const QString &phone);
    /// The duplicate offer was taken: opens a guest session (no card) for the member in @p row.
    Q_INVOKABLE bool useDuplicate(int row);
    /// Enrols the member (birthday "YYYY-MM-DD" or ""; pin 4..12 digits; phone optional);
    /// emits enrolled() or sets the error (nothing written).
    Q_INVOKABLE bool enrol(const QString &name, const QString &phone, const QString &birthday, const QString &pin,
                           bool consent);
    /// Personalises the blank card in the field for the enrolled member and registers it; emits
    /// issued() or failed() with the error (no card in the field, card not blank…).
    Q_INVOKABLE void issueCard();
    /// Back to an empty form.
    Q_INVOKABLE void reset();

    /// The error headline for a failed card personalisation (shared with the replace-card screen).
    static QString cardErrorTitle(const Error &error);

Q_SIGNALS:
    void cardsChanged();
    void changed();
    void enrolled();
    /// The new card is personalised and registered.
    void issued();
    void failed();
    void memberChosen();

private:
    void setState(State state);
    void onStaffChanged();

    QPointer<CardService> m_cards;
    QString m_issuer = QString::fromLatin1(kDefaultCardIssuer);
    MemberSearchModel m_duplicates;
    State m_state = State::Editing;
    Uuid m_member;
    QString m_handle, m_name;
};

} // namespace tapledger::kiosk
