#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"
#include "sync/hq/crm/mergedfeedback.h"
#include "sync/hq/hqwritetx.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tapledger::sync {

/// A complaint: a merged feedback entry that FeedbackEffect::isComplaint() calls one, and its
/// follow-up (docs/crm.md, "Complaints").
struct Complaint
{
    MergedFeedback feedback;          ///< the entry; feedback.id() is the complaint's id
    std::string status;               ///< "open" (no step yet), "answered" or "closed"
    std::vector<ComplaintStep> steps; ///< in order
};

/// What an operator does to a complaint (`tapledger-hq complaint answer|close`).
struct ComplaintAction
{
    std::string id;             ///< "<kiosk>:<seq>" of the feedback entry
    std::string staff;          ///< the HQ operator: 1–128 bytes of UTF-8, no control characters
    std::string note;           ///< answer: required; close: optional; <= 2000 bytes, no control characters
    int64_t makeGoodPoints = 0; ///< close only: points to grant the member, 0 = none, at most kMaxMakeGoodPoints
    int64_t nowMs = 0;          ///< when, UTC ms
};

/// The complaint follow-up list kept in HQ's store (table complaint_steps): open → answered →
/// closed, or open → closed. Every call is one part of a store transaction; a refused step
/// changes nothing.
class ComplaintBook
{
public:
    static constexpr size_t kMaxStaffBytes = 128;
    static constexpr size_t kMaxNoteBytes = 2000;
    static constexpr int64_t kMaxMakeGoodPoints = 1000000;

    /// Every complaint, ordered by kiosk id, then seq; only those in @p status ("open",
    /// "answered", "closed") unless nullopt. InvalidArgument for another status.
    static Result<std::vector<Complaint>> list(HqReadTx &tx, const std::optional<std::string> &status = std::nullopt);

    /// Answers an open complaint. InvalidArgument for a malformed id, staff or note (the note is
    /// required), NotFound for an id that is no complaint, Conflict when it is not open.
    static Result<ComplaintStep> answer(HqWriteTx &tx, const ComplaintAction &action);

    /// Closes an open or answered complaint; with make-good points, grants them to the
    /// complaint's member through grantMakeGood() in the same transaction. Errors as answer(),
    /// and InvalidArgument for points outside 0..kMaxMakeGoodPoints or for points on anonymous
    /// feedback, Conflict when already closed.
    static Result<ComplaintStep> close(HqWriteTx &tx, const ComplaintAction &action, const Ed25519SecretKey &hqKey);

    /// The complaint @p id: InvalidArgument when @p id is not "<kiosk>:<seq>", NotFound when HQ
    /// holds no feedback there or the feedback is no complaint.
    static Result<Complaint> find(HqReadTx &tx, const std::string &id);
};

} // namespace tapledger::sync
