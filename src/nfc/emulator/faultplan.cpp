#include "nfc/emulator/faultplan.h"

namespace tapledger::nfc {

FaultPlan::Exchange FaultPlan::exchange(DesfireEmulator &card, ByteView apdu,
                                        const std::function<void(const DesfireEmulator &)> &changed)
{
    ++m_commands;
    const uint64_t before = card.generation();
    Exchange out;
    out.answer = card.transceive(apdu);
    if (card.generation() != before && changed)
        changed(card);
    if (m_fault.corruptAnswer != 0 && m_commands == m_fault.corruptAnswer && !out.answer->empty())
        (*out.answer)[0] ^= 0x01;
    if (m_fault.removeAfter != 0 && m_commands >= m_fault.removeAfter) {
        out.removeCard = true;
        if (m_fault.loseLastAnswer)
            out.answer.reset();
        m_fault = {};
    }
    return out;
}

} // namespace tapledger::nfc
