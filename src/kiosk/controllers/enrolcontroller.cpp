#include "controllers/enrolcontroller.h"

#include "nfc/memberrecord.h"

#include <cstring>

namespace tapledger::kiosk {

namespace {
/// "M" + 12 digits from the first 8 bytes of @p member (random in a v4 UUID).
std::string membershipNumber(const Uuid &member)
{
    uint64_t n = 0;
    std::memcpy(&n, member.bytes().data(), sizeof n);
    std::string digits = std::to_string(n % 1'000'000'000'000ULL);
    return "M" + std::string(12 - digits.size(), '0') + digits;
}
} // namespace

EnrolController::EnrolController(QObject *parent) : ControllerBase(parent)
{
    connect(this, &ControllerBase::servicesChanged, this, [this] {
        if (session())
            connect(session(), &SessionService::staffChanged, this, &EnrolController::onStaffChanged,
                    Qt::UniqueConnection);
    });
}

void EnrolController::onStaffChanged()
{
    if (!session()->hasStaff())
        reset();
}

void EnrolController::setIssuer(const QString &issuer)
{
    if (issuer == m_issuer)
        return;
    m_issuer = issuer;
    Q_EMIT cardsChanged();
}

QString EnrolController::memberId() const
{
    return m_member.isNil() ? QString() : qs(m_member.toString());
}

void EnrolController::setState(State state)
{
    m_state = state;
    Q_EMIT changed();
}

bool EnrolController::checkDuplicates(const QString &name, const QString &phone)
{
    if (!requireStaff())
        return false;
    clearError();
    const QString n = name.simplified(), p = phone.trimmed();
    if (n.isEmpty() && p.isEmpty()) {
        m_duplicates.setMembers({});
        Q_EMIT changed();
        return false;
    }
    auto found = engine().duplicateCandidates(n.toStdString(), p.toStdString());
    if (!found) {
        m_duplicates.setMembers({});
        Q_EMIT changed();
        return reportError(found.error());
    }
    m_duplicates.setMembers(std::move(*found));
    Q_EMIT changed();
    return hasDuplicates();
}

bool EnrolController::useDuplicate(int row)
{
    if (!requireStaff())
        return false;
    const MemberSummary *m = m_duplicates.member(row);
    if (!m)
        return false;
    clearError();
    session()->startMember(m->member, Uuid(), qs(m->name));
    Q_EMIT memberChosen();
    return true;
}

QString EnrolController::confirmation(const QString &name, const QString &phone, const QString &birthday) const
{
    const auto orDash = [](const QString &s) { return s.trimmed().isEmpty() ? QStringLiteral("—") : s.trimmed(); };
    return tr("Enrol %1 (phone %2, birthday %3)").arg(name.trimmed(), orDash(phone), orDash(birthday));
}

bool EnrolController::enrol(const QString &name, const QString &phone, const QString &birthday, const QString &pin,
                            bool consent)
{
    if (!requireStaff())
        return false;
    if (m_state != State::Editing) {
        setError(tr("This member is already enrolled"), tr("Start a new enrolment first."));
        return false;
    }
    EnrolRequest request;
    request.memberId = Uuid::generate();
    request.name = name.simplified().toStdString();
    request.phone = phone.trimmed().toStdString();
    request.handle = request.phone.empty() ? membershipNumber(request.memberId) : request.phone;
    request.birthday = birthday.trimmed().toStdString();
    request.pin = pin.toStdString();
    request.staff = session()->staffId();
    request.consent = consent;
    auto receipt = engine().enrol(request);
    if (!receipt)
        return reportError(receipt.error());
    clearError();
    m_member = request.memberId;
    m_handle = qs(request.handle);
    m_name = qs(request.name);
    m_duplicates.setMembers({});
    engineService()->notifyWritten();
    setState(State::Enrolled);
    Q_EMIT enrolled();
    return true;
}

void EnrolController::issueCard()
{
    if (!requireStaff() || busy())
        return;
    if (m_state != State::Enrolled) {
        setError(tr("Enrol the member first"));
        Q_EMIT failed();
        return;
    }
    if (!cards() || session()->busy()) {
        setError(tr("The card reader is not available"));
        Q_EMIT failed();
        return;
    }
    clearError();
    setState(State::Issuing);
    const Uuid member = m_member, staff = session()->staffId();
    runCardIssue(
        *engineService(), *cards(), member, m_issuer, this,
        [this, member, staff](const Uuid &cardId) { return engine().issueCard(member, cardId, staff); },
        [this](bool b) { setBusy(b); },
        [this](const CardIssueOutcome &outcome) {
            if (!outcome.receipt) {
                setState(State::Enrolled);
                if (outcome.cardFailed)
                    setError(cardIssueTitle(outcome.receipt.error()), qs(outcome.receipt.error().message));
                else
                    reportError(outcome.receipt.error());
                Q_EMIT failed();
                return;
            }
            setState(State::CardIssued);
            Q_EMIT issued();
        });
}

void EnrolController::reset()
{
    if (busy())
        return;
    clearError();
    m_member = Uuid();
    m_handle.clear();
    m_name.clear();
    m_duplicates.setMembers({});
    setState(State::Editing);
}

} // namespace tapledger::kiosk
