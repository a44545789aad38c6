#include "sync/transport/boundedtaskqueue_p.h"

#include <cassert>

namespace tapledger::sync {

BoundedTaskQueue::BoundedTaskQueue(size_t threads, size_t maxQueued) : m_maxQueued(maxQueued)
{
    assert(threads >= 1 && maxQueued >= 1);
    m_threads.reserve(threads);
    for (size_t i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { work(); });
}

BoundedTaskQueue::~BoundedTaskQueue()
{
    shutdown();
}

void BoundedTaskQueue::enqueue(std::function<void()> fn)
{
    {
        std::unique_lock lock(m_mutex);
        m_hasRoom.wait(lock, [this] { return m_shutdown || m_queue.size() < m_maxQueued; });
        if (!m_shutdown) {
            m_queue.push_back(std::move(fn));
            m_hasWork.notify_one();
            return;
        }
    }
    fn();
}

void BoundedTaskQueue::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        m_shutdown = true;
    }
    m_hasWork.notify_all();
    m_hasRoom.notify_all();
    for (auto &t : m_threads)
        if (t.joinable())
            t.join();
}

void BoundedTaskQueue::work()
{
    for (;;) {
        std::function<void()> fn;
        {
            std::unique_lock lock(m_mutex);
            m_hasWork.wait(lock, [this] { return m_shutdown || !m_queue.empty(); });
            if (m_queue.empty())
                return; // shut down and drained
            fn = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_hasRoom.notify_one();
        fn();
    }
}

} // namespace tapledger::sync
