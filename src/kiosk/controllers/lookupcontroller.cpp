#include "controllers/lookupcontroller.h"

namespace tapledger::kiosk {

LookupController::LookupController(QObject *parent) : ControllerBase(parent)
{
    connect(this, &ControllerBase::servicesChanged, this, [this] {
        if (session())
            connect(session(), &SessionService::staffChanged, this, &LookupController::onStaffChanged,
                    Qt::UniqueConnection);
    });
}

void LookupController::onStaffChanged()
{
    if (!session()->hasStaff())
        clearResults();
}

void LookupController::setLimit(int limit)
{
    if (limit == m_limit || limit <= 0)
        return;
    m_limit = limit;
    Q_EMIT limitChanged();
}

bool LookupController::search(const QString &query)
{
    if (!requireStaff())
        return false;
    auto found = engine().findMembers(query.trimmed().toStdString(), static_cast<size_t>(m_limit));
    if (!found) {
        m_results.setMembers({});
        return reportError(found.error());
    }
    clearError();
    m_results.setMembers(std::move(*found));
    return true;
}

bool LookupController::open(int row)
{
    if (!requireStaff())
        return false;
    const MemberSummary *m = m_results.member(row);
    if (!m) {
        setError(tr("Choose a member from the list"));
        return false;
    }
    clearError();
    const MemberSummary chosen = *m;
    session()->startMember(chosen.member, Uuid(), qs(chosen.name));
    Q_EMIT opened();
    return true;
}

QString LookupController::memberIdAt(int row) const
{
    const MemberSummary *m = m_results.member(row);
    return m ? qs(m->member.toString()) : QString();
}

void LookupController::clearResults()
{
    clearError();
    m_results.setMembers({});
}

} // namespace tapledger::kiosk
