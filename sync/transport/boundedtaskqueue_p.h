#pragma once
// Private to sync/transport.

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tapledger::sync {

/// cpp-httplib's TaskQueue with a fixed number of worker threads and a bounded queue: enqueue()
/// blocks while @p maxQueued tasks wait, so a flood of connections stalls the accept loop (and
/// fills the kernel's backlog) instead of growing memory and open sockets without limit, which
/// httplib's own ThreadPool does.
class BoundedTaskQueue final : public httplib::TaskQueue
{
public:
    /// Starts @p threads workers (≥ 1) with room for @p maxQueued waiting tasks (≥ 1).
    BoundedTaskQueue(size_t threads, size_t maxQueued);
    /// Shuts down (as shutdown()).
    ~BoundedTaskQueue() override;

    /// Queues @p fn, waiting while the queue is full. After shutdown() the task is run on the
    /// calling thread, so a connection accepted at the last moment is still answered and closed.
    void enqueue(std::function<void()> fn) override;
    /// Runs every queued task, then joins the workers. Idempotent.
    void shutdown() override;

private:
    void work();

    std::mutex m_mutex;
    std::condition_variable m_hasWork;
    std::condition_variable m_hasRoom;
    std::deque<std::function<void()>> m_queue;
    std::vector<std::thread> m_threads;
    size_t m_maxQueued;
    bool m_shutdown = false;
};

} // namespace tapledger::sync
