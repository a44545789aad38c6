#include "controllers/receiptcontroller.h"

#include "core/bytes.h"

#include <QFile>

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
    if (!r.seqs.empty()) {
        const uint64_t first = r.seqs.front(), last = r.seqs.back();
        m_entries = first == last ? u"#%1"_s.arg(first) : u"#%1–%2"_s.arg(first).arg(last);
        auto entry = engine().ledger().entry(r.mainSeq ? r.mainSeq : last);
        if (entry)
            m_reference = u"tapledger:entry:%1:%2:%3"_s.arg(m_kioskId)
                              .arg(entry->entry.seq)
                              .arg(qs(toHex(entry->hash)));
    }
    m_lines.setLines(r.balances, [&svc](int64_t minor) { return svc.money(minor); });
    Q_EMIT changed();
}

void ReceiptController::clear()
{
    m_title.clear();
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
    for (int row = 0; row < m_lines.rowCount(); ++row) {
        const QModelIndex i = m_lines.index(row);
        out += i.data(ReceiptModel::BalanceRole).toString() + u": "_s + i.data(ReceiptModel::BeforeRole).toString() +
               u" "_s + i.data(ReceiptModel::ChangeRole).toString() + u" = "_s +
               i.data(ReceiptModel::AfterRole).toString() + u'\n';
    }
    for (const QString &e : m_explanations)
        out += e + u'\n';
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
