#include "nfc/emulator/pn532emulator.h"

#include <algorithm>

namespace tapledger::nfc {

namespace {

constexpr uint8_t kHostToChip = 0xD4;
constexpr uint8_t kChipToHost = 0xD5;
constexpr std::array<uint8_t, 6> kAck{0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};
constexpr std::array<uint8_t, 8> kErrorFrame{0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00};
constexpr uint8_t kStatusTimeout = 0x01; // PN532 error: target did not answer
constexpr uint8_t kStatusNoTarget = 0x27; // command not acceptable in this context
constexpr uint8_t kMoreInformation = 0x40; // InDataExchange Tg bit 6 (MI): more data follows

// PN532 command codes (UM0701-02 section 7).
enum : uint8_t {
    Diagnose = 0x00,
    GetFirmwareVersion = 0x02,
    GetGeneralStatus = 0x04,
    ReadRegister = 0x06,
    WriteRegister = 0x08,
    SetParameters = 0x12,
    SamConfiguration = 0x14,
    PowerDown = 0x16,
    RfConfiguration = 0x32,
    InDataExchange = 0x40,
    InCommunicateThru = 0x42,
    InDeselect = 0x44,
    InListPassiveTarget = 0x4A,
    InRelease = 0x52,
    InSelect = 0x54,
    InAutoPoll = 0x60,
};

Bytes hsuFrame(ByteView payload)
{
    Bytes out{0x00, 0x00, 0xFF};
    const size_t len = payload.size();
    if (len <= 255) {
        out.push_back(static_cast<uint8_t>(len));
        out.push_back(static_cast<uint8_t>(0x100 - len));
    } else {
        out.push_back(0xFF);
        out.push_back(0xFF);
        const auto hi = static_cast<uint8_t>(len >> 8);
        const auto lo = static_cast<uint8_t>(len & 0xFF);
        out.push_back(hi);
        out.push_back(lo);
        out.push_back(static_cast<uint8_t>(0x100 - ((hi + lo) & 0xFF)));
    }
    uint8_t sum = 0;
    for (const uint8_t b : payload) {
        out.push_back(b);
        sum = static_cast<uint8_t>(sum + b);
    }
    out.push_back(static_cast<uint8_t>(0x100 - sum));
    out.push_back(0x00);
    return out;
}

} // namespace

Pn532Emulator::Pn532Emulator() = default;

Bytes Pn532Emulator::encodeFrame(ByteView payload)
{
    return hsuFrame(payload);
}

void Pn532Emulator::presentCard(std::shared_ptr<DesfireEmulator> card)
{
    std::lock_guard lock(m_mutex);
    takeOut();
    if (card)
        card->enterField();
    m_card = card;
    m_lastCard = std::move(card);
    m_faults.restartCount();
    wake();
}

void Pn532Emulator::presentUidOnlyTag(const std::array<uint8_t, 4> &uid)
{
    std::lock_guard lock(m_mutex);
    takeOut();
    m_uidOnly = true;
    m_uidOnlyUid = uid;
    wake();
}

void Pn532Emulator::removeCard()
{
    std::lock_guard lock(m_mutex);
    takeOut();
}

void Pn532Emulator::takeOut()
{
    m_chained.clear();
    if (m_card)
        m_card->powerOff();
    m_card.reset();
    m_uidOnly = false;
    m_active = false;
}

bool Pn532Emulator::cardPresent() const
{
    std::lock_guard lock(m_mutex);
    return m_card != nullptr || m_uidOnly;
}

std::shared_ptr<DesfireEmulator> Pn532Emulator::lastCard() const
{
    std::lock_guard lock(m_mutex);
    return m_lastCard;
}

void Pn532Emulator::setFault(const Pn532Fault &fault)
{
    std::lock_guard lock(m_mutex);
    m_faults.arm(fault);
}

uint64_t Pn532Emulator::cardCommands() const
{
    std::lock_guard lock(m_mutex);
    return m_faults.commands();
}

uint64_t Pn532Emulator::hostCommands(uint8_t code) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_hostCommands.find(code);
    return it == m_hostCommands.end() ? 0 : it->second;
}

void Pn532Emulator::setCardChangedHandler(std::function<void(const DesfireEmulator &)> handler)
{
    std::lock_guard lock(m_mutex);
    m_changed = std::move(handler);
}

Bytes Pn532Emulator::feed(ByteView in)
{
    std::lock_guard lock(m_mutex);
    m_rx.insert(m_rx.end(), in.begin(), in.end());
    Bytes out;
    for (;;) {
        // Find the start code 00 FF (after wake-up bytes, preamble and postamble zeros).
        size_t start = 0;
        while (start + 1 < m_rx.size() && !(m_rx[start] == 0x00 && m_rx[start + 1] == 0xFF))
            ++start;
        if (start + 1 >= m_rx.size()) {
            // Keep a trailing 0x00 that may begin a start code.
            const bool keepLast = !m_rx.empty() && m_rx.back() == 0x00;
            m_rx.erase(m_rx.begin(), m_rx.end() - (keepLast ? 1 : 0));
            return out;
        }
        m_rx.erase(m_rx.begin(), m_rx.begin() + static_cast<std::ptrdiff_t>(start));
        if (m_rx.size() < 4)
            return out;
        size_t len = 0;
        size_t header = 4;
        if (m_rx[2] == 0x00 && m_rx[3] == 0xFF) { // ACK from the host: abort (UM0701-02 §6.2.1.3)
            m_rx.erase(m_rx.begin(), m_rx.begin() + 4);
            m_poll.reset();
            ++m_hostAcks;
            continue;
        }
        if (m_rx[2] == 0xFF && m_rx[3] == 0xFF) { // extended frame
            if (m_rx.size() < 7)
                return out;
            if (((m_rx[4] + m_rx[5] + m_rx[6]) & 0xFF) != 0) {
                m_rx.erase(m_rx.begin(), m_rx.begin() + 2);
                continue;
            }
            len = static_cast<size_t>(m_rx[4]) << 8 | m_rx[5];
            header = 7;
        } else {
            if (((m_rx[2] + m_rx[3]) & 0xFF) != 0) {
                m_rx.erase(m_rx.begin(), m_rx.begin() + 2);
                continue;
            }
            len = m_rx[2];
        }
        if (m_rx.size() < header + len + 1)
            return out;
        const ByteView body(m_rx.data() + header, len);
        uint8_t sum = m_rx[header + len];
        for (const uint8_t b : body)
            sum = static_cast<uint8_t>(sum + b);
        Bytes payload(body.begin(), body.end());
        m_rx.erase(m_rx.begin(), m_rx.begin() + static_cast<std::ptrdiff_t>(header + len + 1));
        if (sum != 0 || payload.size() < 2 || payload[0] != kHostToChip)
            continue; // a real PN532 stays silent on a corrupted frame: the host times out
        out.insert(out.end(), kAck.begin(), kAck.end());
        const std::optional<Bytes> answer = handleFrame(ByteView(payload).subspan(1));
        if (answer)
            out.insert(out.end(), answer->begin(), answer->end());
    }
}

std::optional<Bytes> Pn532Emulator::handleFrame(ByteView payload)
{
    bool errorFrame = false;
    const uint8_t cmd = payload[0];
    ++m_hostCommands[cmd];
    m_poll.reset(); // a new command ends a pending InAutoPoll (the host should have sent an ACK first)
    std::optional<Bytes> data;
    if (cmd == InAutoPoll) {
        data = autoPoll(payload.subspan(1), errorFrame);
        if (!data && !errorFrame)
            return std::nullopt; // ACK only: pollAnswer() answers later
    } else {
        data = command(cmd, payload.subspan(1), errorFrame);
    }
    if (errorFrame)
        return Bytes(kErrorFrame.begin(), kErrorFrame.end());
    Bytes reply{kChipToHost, static_cast<uint8_t>(cmd + 1)};
    reply.insert(reply.end(), data->begin(), data->end());
    return encodeFrame(reply);
}

std::optional<Bytes> Pn532Emulator::autoPoll(ByteView p, bool &errorFrame)
{
    // PollNr 0x01..0xFF (0xFF endless), Period 0x01..0x0F (× 150 ms), 1..15 types.
    if (p.size() < 3 || p.size() > 17 || p[0] == 0x00 || p[1] == 0x00 || p[1] > 0x0F) {
        errorFrame = true; // syntax error: the application-level error frame
        return std::nullopt;
    }
    const ByteView types = p.subspan(2);
    Bytes answer = autoPollAnswer(types);
    if (answer[0] != 0x00)
        return answer;
    PendingPoll poll;
    poll.types.assign(types.begin(), types.end());
    if (p[0] != 0xFF)
        poll.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(150) * p[0] * p[1];
    m_poll = std::move(poll);
    return std::nullopt;
}

Bytes Pn532Emulator::autoPollAnswer(ByteView types)
{
    if (!(m_card || m_uidOnly))
        return {0x00};
    // The first requested type the target answers to: 0x00 generic 106 kbps type A, 0x10 MIFARE,
    // 0x20 ISO/IEC 14443-4A (a DESFire; a UID-only tag has no ISO 14443-4 layer).
    std::optional<uint8_t> type;
    for (const uint8_t t : types)
        if (t == 0x00 || t == 0x10 || (t == 0x20 && m_card)) {
            type = t;
            break;
        }
    if (!type)
        return {0x00};
    if (m_card)
        m_card->powerOff(); // a fresh activation
    m_active = true;
    const Bytes td = targetData();
    Bytes r{0x01, *type, static_cast<uint8_t>(td.size())};
    r.insert(r.end(), td.begin(), td.end());
    return r;
}

Bytes Pn532Emulator::pollAnswer(std::chrono::steady_clock::time_point now)
{
    std::lock_guard lock(m_mutex);
    if (!m_poll)
        return {};
    Bytes data = autoPollAnswer(m_poll->types);
    if (data[0] == 0x00 && (!m_poll->deadline || now < *m_poll->deadline))
        return {};
    m_poll.reset();
    Bytes reply{kChipToHost, static_cast<uint8_t>(InAutoPoll + 1)};
    reply.insert(reply.end(), data.begin(), data.end());
    return encodeFrame(reply);
}

std::optional<std::chrono::steady_clock::time_point> Pn532Emulator::pollDeadline() const
{
    std::lock_guard lock(m_mutex);
    return m_poll ? m_poll->deadline : std::nullopt;
}

bool Pn532Emulator::pollPending() const
{
    std::lock_guard lock(m_mutex);
    return m_poll.has_value();
}

uint64_t Pn532Emulator::hostAcks() const
{
    std::lock_guard lock(m_mutex);
    return m_hostAcks;
}

void Pn532Emulator::setWakeHandler(std::function<void()> handler)
{
    std::lock_guard lock(m_mutex);
    m_wake = std::move(handler);
}

void Pn532Emulator::wake()
{
    if (m_poll && m_wake)
        m_wake();
}

Bytes Pn532Emulator::targetData() const
{
    Bytes d{0x01}; // Tg
    if (m_uidOnly) {
        d.insert(d.end(), {0x00, 0x04, 0x08, 0x04});
        d.insert(d.end(), m_uidOnlyUid.begin(), m_uidOnlyUid.end());
        return d;
    }
    const std::array<uint8_t, 2> atqa = m_card->atqa();
    const CardUid uid = m_card->anticollisionUid();
    d.insert(d.end(), atqa.begin(), atqa.end());
    d.push_back(DesfireEmulator::kSak);
    d.push_back(static_cast<uint8_t>(uidLength(uid)));
    d.insert(d.end(), uid.begin(), uid.begin() + static_cast<std::ptrdiff_t>(uidLength(uid)));
    d.insert(d.end(), DesfireEmulator::kAts.begin(), DesfireEmulator::kAts.end());
    return d;
}

Bytes Pn532Emulator::command(uint8_t cmd, ByteView p, bool &errorFrame)
{
    switch (cmd) {
    case Diagnose:
        if (!p.empty() && p[0] == 0x00)
            return Bytes(p.begin(), p.end()); // communication line test: echo
        return {0x00};
    case GetFirmwareVersion: return {0x32, 0x01, 0x06, 0x07}; // PN532 v1.6, ISO A + B + 18092
    case GetGeneralStatus: {
        Bytes s{0x00, 0x01, static_cast<uint8_t>(m_active ? 1 : 0)};
        if (m_active)
            s.insert(s.end(), {0x01, 0x00, 0x00, 0x00});
        s.push_back(0x00);
        return s;
    }
    case ReadRegister: {
        Bytes values;
        for (size_t i = 0; i + 1 < p.size(); i += 2) {
            const auto addr = static_cast<uint16_t>(p[i] << 8 | p[i + 1]);
            const auto it = m_registers.find(addr);
            values.push_back(it == m_registers.end() ? uint8_t{0} : it->second);
        }
        return values;
    }
    case WriteRegister:
        for (size_t i = 0; i + 2 < p.size(); i += 3)
            m_registers[static_cast<uint16_t>(p[i] << 8 | p[i + 1])] = p[i + 2];
        return {};
    case SetParameters:
    case SamConfiguration:
    case RfConfiguration: return {};
    case PowerDown: return {0x00};
    case InListPassiveTarget: return listPassiveTarget(p);
    case InDataExchange: {
        if (p.empty())
            return {kStatusNoTarget};
        m_chained.insert(m_chained.end(), p.begin() + 1, p.end());
        if (p[0] & kMoreInformation)
            return {0x00}; // the PN532 chains the I-blocks to the card; the answer comes with the last part
        const Bytes apdu = std::move(m_chained);
        m_chained.clear();
        return dataExchange(apdu);
    }
    case InCommunicateThru:
        // Presence check of an ISO 14443-4 target (R(NAK) B2 → R(ACK) A2); other raw probes time out.
        if (m_active && m_card && p.size() == 1 && (p[0] & 0xF6) == 0xB2)
            return {0x00, static_cast<uint8_t>(0xA2 | (p[0] & 0x01))};
        return {kStatusTimeout};
    case InDeselect:
    case InRelease:
        if (m_card)
            m_card->powerOff(); // S(DESELECT): the PICC halts and forgets its session
        m_active = false;
        return {0x00};
    case InSelect:
        if (!(m_card || m_uidOnly))
            return {kStatusTimeout};
        m_active = true;
        return {0x00};
    default: errorFrame = true; return {};
    }
}

Bytes Pn532Emulator::listPassiveTarget(ByteView p)
{
    if (p.size() < 2 || p[1] != 0x00 || !(m_card || m_uidOnly))
        return {0x00}; // only ISO 14443-A 106 kbps targets live here
    ByteView wanted = p.subspan(2);
    if (wanted.size() == 8 && wanted[0] == 0x88)
        wanted = wanted.subspan(1); // cascade tag of a double-size UID
    if (!wanted.empty()) {
        const CardUid shown = m_card ? m_card->anticollisionUid() : CardUid{};
        const ByteView uid = m_card ? ByteView(shown).first(uidLength(shown)) : ByteView(m_uidOnlyUid);
        if (!std::equal(wanted.begin(), wanted.end(), uid.begin(), uid.end()))
            return {0x00};
    }
    if (m_card)
        m_card->powerOff(); // REQA/WUPA + RATS: a fresh activation
    m_active = true;
    Bytes r{0x01};
    const Bytes td = targetData();
    r.insert(r.end(), td.begin(), td.end());
    return r;
}

Bytes Pn532Emulator::dataExchange(ByteView apdu)
{
    if (!m_card || !m_active)
        return {m_card || m_uidOnly ? kStatusNoTarget : kStatusTimeout};
    FaultPlan::Exchange x = m_faults.exchange(*m_card, apdu, m_changed);
    if (x.removeCard)
        takeOut();
    if (!x.answer)
        return {kStatusTimeout};
    const Bytes &answer = *x.answer;
    Bytes r{0x00};
    r.insert(r.end(), answer.begin(), answer.end());
    return r;
}

} // namespace tapledger::nfc
