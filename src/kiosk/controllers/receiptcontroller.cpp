#include "controllers/receiptcontroller.h"

#include "core/bytes.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

ReceiptController::ReceiptController(QObject *parent) : ControllerBase(parent)
{
    connect(this, &ControllerBase::servicesChanged, this, [this] {
        QObject::disconnect(m_receiptConnection);
        if (session())
            m_receiptConnection = connect(session(), &SessionService::receiptChanged, this, [this] { refresh(); });
    });
}

void ReceiptController::setPrinterDevice(const QString &device)
{
    m_printer = device;
    Q_EMIT changed();
}

void ReceiptController::refresh()
{
    if (!ready() || !session()->hasReceipt()) {
        clear();
        return;
    }
    const Receipt &r = session()->receipt();
    const EngineService &svc = *engineService();
    m_title = session()->receiptTitle();
    m_time = svc.localDateTime(session()->receiptTimeMs());
    m_kioskId = svc.kioskId();
    // Explained again from the ledger, so a language switch re-translates the receipt's lines.
    m_explanations.clear();
    for (size_t i = 0; i < r.seqs.size(); ++i) {
        auto entry = engine().ledger().entry(r.seqs[i]);
        m_explanations << (entry ? qs(engine().explain(entry->entry))
                                 : i < r.explanations.size() ? qs(r.explanations[i]) : QString());
    }
    m_entries.clear();
    m_reference.clear();
    m_staffName.clear();
    m_collectHint.clear();
    m_memberName = session()->memberName();
    if (!r.seqs.empty()) {
        const uint64_t first = r.seqs.front(), last = r.seqs.back();
        m_entries = first == last ? u"#%1"_s.arg(first) : u"#%1–%2"_s.arg(first).arg(last);
        auto entry = engine().ledger().entry(r.mainSeq ? r.mainSeq : last);
        if (entry)
            describeMainEntry(entry->entry);
        if (entry)
            m_reference = u"tapledger:entry:%1:%2:%3"_s.arg(m_kioskId)
                              .arg(entry->entry.seq)
                              .arg(qs(toHex(entry->hash)));
    }
    m_lines.setLines(r.balances, [&svc](int64_t minor) { return svc.money(minor); });
    int64_t storedBefore = 0, storedAfter = 0, pointsBefore = 0, pointsAfter = 0;
    bool storedChanged = false, pointsChanged = false;
    for (const BalanceLine &l : r.balances) {
        if (l.balance == "points") {
            pointsBefore = l.before;
            pointsAfter = l.after;
            pointsChanged = pointsChanged || l.change != 0;
        } else {
            storedBefore += l.before;
            storedAfter += l.after;
            storedChanged = storedChanged || l.change != 0;
        }
    }
    m_storedBefore = storedChanged ? svc.money(storedBefore) : QString();
    m_storedAfter = storedChanged ? svc.money(storedAfter) : QString();
    m_pointsBefore = pointsChanged ? QString::number(pointsBefore) : QString();
    m_pointsAfter = pointsChanged ? QString::number(pointsAfter) : QString();
    Q_EMIT changed();
}

void ReceiptController::describeMainEntry(const LedgerEntry &entry)
{
    if (!entry.staff.isNil()) {
        auto staff = engine().staff();
        if (staff)
            for (const StaffView &s : *staff)
                if (s.staff == entry.staff)
                    m_staffName = qs(s.name);
        if (m_staffName.isEmpty())
            m_staffName = qs(entry.staff.toString());
    }
    if (entry.kind != EntryKind::Redeem)
        return;
    const QJsonObject extra = QJsonDocument::fromJson(QByteArray::fromStdString(entry.extra)).object();
    if (extra.contains(u"credit"_s))
        m_collectHint = tr("%1 bonus is on your stored value now: spend it at the till.")
                            .arg(engineService()->money(extra.value(u"credit"_s).toInteger()));
    else
        m_collectHint = tr("Show this receipt at the counter to collect your reward.");
}

void ReceiptController::clear()
{
    m_title.clear();
    m_memberName.clear();
    m_staffName.clear();
    m_storedBefore.clear();
    m_storedAfter.clear();
    m_pointsBefore.clear();
    m_pointsAfter.clear();
    m_collectHint.clear();
    m_time.clear();
    m_entries.clear();
    m_reference.clear();
    m_explanations.clear();
    m_lines.clear();
    Q_EMIT changed();
}

QString ReceiptController::text() const
{
    QString out = m_title + u'\n' + m_time + u"  "_s + m_kioskId + u"  "_s + m_entries + u'\n';
    if (!m_memberName.isEmpty())
        out += tr("Member: %1").arg(m_memberName) + u'\n';
    if (!m_staffName.isEmpty())
        out += tr("Staff: %1").arg(m_staffName) + u'\n';
    if (!m_storedBefore.isEmpty())
        out += tr("Stored value: %1 → %2").arg(m_storedBefore, m_storedAfter) + u'\n';
    if (!m_pointsBefore.isEmpty())
        out += tr("Points: %1 → %2").arg(m_pointsBefore, m_pointsAfter) + u'\n';
    for (int row = 0; row < m_lines.rowCount(); ++row) {
        const QModelIndex i = m_lines.index(row);
        out += i.data(ReceiptModel::BalanceRole).toString() + u": "_s + i.data(ReceiptModel::BeforeRole).toString() +
               u" "_s + i.data(ReceiptModel::ChangeRole).toString() + u" = "_s +
               i.data(ReceiptModel::AfterRole).toString() + u'\n';
    }
    for (const QString &e : m_explanations)
        out += e + u'\n';
    if (!m_collectHint.isEmpty())
        out += m_collectHint + u'\n';
    return out + m_reference + u'\n';
}

bool ReceiptController::print()
{
    if (!canPrint())
        return false;
    QFile printer(m_printer);
    if (!printer.open(QIODevice::WriteOnly | QIODevice::Append) || printer.write(text().toUtf8()) < 0) {
        setError(tr("Printer not available"), printer.errorString());
        return false;
    }
    clearError();
    return true;
}

} // namespace tapledger::kiosk
