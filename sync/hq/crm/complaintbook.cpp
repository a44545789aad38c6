#include "sync/hq/crm/complaintbook.h"

#include "core/kioskid.h"
#include "sync/hq/crm/plaintext.h"
#include "sync/hq/makegood.h"

#include <charconv>
#include <map>
#include <utility>

namespace tapledger::sync {

namespace {
std::string statusOf(const std::vector<ComplaintStep> &steps)
{
    return steps.empty() ? "open" : steps.back().status;
}

bool plainText(const std::string &s, size_t maxBytes)
{
    return s.size() <= maxBytes && isUtf8(s) && !hasControlChar(s);
}

Result<void> checkAction(const ComplaintAction &a, bool noteRequired)
{
    if (a.staff.empty() || !plainText(a.staff, ComplaintBook::kMaxStaffBytes))
        return fail(ErrorCode::InvalidArgument, "the staff name must be 1 to 128 bytes of UTF-8 without control characters");
    if (noteRequired && a.note.find_first_not_of(' ') == std::string::npos)
        return fail(ErrorCode::InvalidArgument, "an answer needs a note (what the member was told)");
    if (!plainText(a.note, ComplaintBook::kMaxNoteBytes))
        return fail(ErrorCode::InvalidArgument, "the note must be at most 2000 bytes of UTF-8 without control characters");
    return {};
}

/// The next step of complaint @p c moving it to @p status.
ComplaintStep nextStep(const Complaint &c, const ComplaintAction &a, const std::string &status)
{
    return ComplaintStep{c.feedback.kioskId, c.feedback.seq, static_cast<uint32_t>(c.steps.size() + 1), status,
                         a.staff, a.note, a.nowMs, 0};
}
} // namespace

Result<Complaint> ComplaintBook::find(HqReadTx &tx, const std::string &id)
{
    const auto colon = id.rfind(':');
    uint64_t seq = 0;
    const char *end = id.data() + id.size();
    if (colon == std::string::npos || !isValidKioskId(id.substr(0, colon)) ||
        std::from_chars(id.data() + colon + 1, end, seq).ptr != end || seq == 0)
        return fail(ErrorCode::InvalidArgument, "a complaint id is <kiosk>:<seq>, e.g. lobby-1:17, not '" + id + "'");
    auto feedback = MergedFeedback::load(tx, id.substr(0, colon), seq);
    if (!feedback)
        return fail(feedback.error().code, "no complaint " + id + ": " + feedback.error().message);
    if (!feedback->feedback.isComplaint())
        return fail(ErrorCode::NotFound, "no complaint " + id + ": its feedback (rating " +
                                             std::to_string(feedback->feedback.rating) + ") is no complaint");
    auto steps = tx.complaintSteps(feedback->kioskId, feedback->seq);
    if (!steps)
        return std::move(steps).error();
    const std::string status = statusOf(*steps);
    return Complaint{std::move(*feedback), status, std::move(*steps)};
}

Result<std::vector<Complaint>> ComplaintBook::list(HqReadTx &tx, const std::optional<std::string> &status)
{
    if (status && *status != "open" && *status != "answered" && *status != "closed")
        return fail(ErrorCode::InvalidArgument, "a complaint status is open, answered or closed, not '" + *status + "'");
    auto feedback = MergedFeedback::load(tx);
    if (!feedback)
        return std::move(feedback).error();
    auto steps = tx.complaintSteps();
    if (!steps)
        return std::move(steps).error();
    std::map<std::pair<std::string, uint64_t>, std::vector<ComplaintStep>> stepsOf;
    for (ComplaintStep &s : *steps)
        stepsOf[{s.kioskId, s.seq}].push_back(std::move(s));
    std::vector<Complaint> out;
    for (MergedFeedback &f : *feedback) {
        if (!f.feedback.isComplaint())
            continue;
        auto it = stepsOf.find({f.kioskId, f.seq});
        Complaint c{std::move(f), "open", {}};
        if (it != stepsOf.end())
            c.steps = std::move(it->second);
        c.status = statusOf(c.steps);
        if (!status || c.status == *status)
            out.push_back(std::move(c));
    }
    return out;
}

Result<ComplaintStep> ComplaintBook::answer(HqWriteTx &tx, const ComplaintAction &a)
{
    TL_TRY(checkAction(a, true));
    auto c = find(tx, a.id);
    if (!c)
        return std::move(c).error();
    if (c->status != "open")
        return fail(ErrorCode::Conflict, "complaint " + a.id + " is " + c->status + ": only an open complaint can be answered");
    const ComplaintStep step = nextStep(*c, a, "answered");
    TL_TRY(tx.addComplaintStep(step));
    return step;
}

Result<ComplaintStep> ComplaintBook::close(HqWriteTx &tx, const ComplaintAction &a, const Ed25519SecretKey &hqKey)
{
    TL_TRY(checkAction(a, false));
    if (a.makeGoodPoints < 0 || a.makeGoodPoints > kMaxMakeGoodPoints)
        return fail(ErrorCode::InvalidArgument, "make-good points are 0 to " + std::to_string(kMaxMakeGoodPoints) +
                                                    ", not " + std::to_string(a.makeGoodPoints));
    auto c = find(tx, a.id);
    if (!c)
        return std::move(c).error();
    if (c->status == "closed")
        return fail(ErrorCode::Conflict, "complaint " + a.id + " is already closed");
    if (a.makeGoodPoints > 0 && c->feedback.member.isNil())
        return fail(ErrorCode::InvalidArgument, "complaint " + a.id + " is anonymous: there is no member to give points to");
    ComplaintStep step = nextStep(*c, a, "closed");
    step.makeGoodPoints = a.makeGoodPoints;
    TL_TRY(tx.addComplaintStep(step));
    if (a.makeGoodPoints > 0)
        TL_TRY(grantMakeGood(tx, hqKey, a.nowMs, c->feedback.member, a.makeGoodPoints, a.id));
    return step;
}

} // namespace tapledger::sync
