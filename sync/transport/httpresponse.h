#pragma once

#include <string>

namespace tapledger::sync {

/// An HTTP response as HttpsClient returns it.
struct HttpResponse
{
    /// The status code (RFC 9110 §15), e.g. 200, 403, 413.
    int status = 0;
    /// The body, as received.
    std::string body;
};

} // namespace tapledger::sync
