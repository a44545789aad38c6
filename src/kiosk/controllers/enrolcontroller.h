#pragma once

#include "controllers/controllerbase.h"
#include "models/membersearchmodel.h"
#include "services/cardissue.h"

#include <QtQml/qqmlregistration.h>

#include <functional>

namespace tapledger::kiosk {

/// The staff enrol screen: a duplicate check by name / phone with a "use this member instead?"
/// offer, the enrolment itself and the personalisation of the blank card in the field as the new
/// member's card. The member's handle (lookup key, unique) is the phone as typed when one is
/// given, else a generated membership number "M" + 12 digits derived from the new member id.
class EnrolController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
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
    /// The confirm step before enrol(): one line with what will be recorded ("Enrol Li Wei
    /// (phone 13800001111, birthday 1988-11-25)"; "—" for a field left empty).
    Q_INVOKABLE QString confirmation(const QString &name, const QString &phone, const QString &birthday) const;
    Q_INVOKABLE bool enrol(const QString &name, const QString &phone, const QString &birthday, const QString &pin,
                           bool consent);
    /// Personalises the blank card in the field for the enrolled member and registers it; emits
    /// issued() or failed() with the error (no card in the field, card not blank…).
    Q_INVOKABLE void issueCard();
    /// Back to an empty form.
    Q_INVOKABLE void reset();


Q_SIGNALS:
    void changed();
    void enrolled();
    /// The new card is personalised and registered.
    void issued();
    void failed();
    void memberChosen();

private:
    void setState(State state);
    void onStaffChanged();

    QString m_issuer = QString::fromLatin1(kDefaultCardIssuer);
    MemberSearchModel m_duplicates;
    State m_state = State::Editing;
    Uuid m_member;
    QString m_handle, m_name;
};

} // namespace tapledger::kiosk
