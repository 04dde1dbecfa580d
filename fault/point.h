#pragma once
// Crash points: named places in a sequence of durable writes (the corpus export) where a test
// may kill the process, to prove that the next run recovers from a crash at any of them.
//
// With INGEST_FAULT_KILL_AT=N in the environment, the N-th call of point() in the process,
// whatever its name, writes "fault: kill at point N <name>" to stderr and raises SIGKILL: no
// destructor, atexit handler or buffered write runs, as with kill -9 or a power cut (except
// that the page cache survives). With INGEST_FAULT_PAUSE_AT=N it writes "fault: pause at
// point N <name>" and stops itself with SIGSTOP, going on where it was once continued. Both
// count the same points, so the two may be combined. The variables are read once, at the
// first call; without them a point costs one well-predicted branch. Thread-safe: the count is
// atomic.
#include <functional>
#include <string_view>

namespace fault {

void point(std::string_view name);
// The same point, saying what it is about (an article's URL), for an observer set with
// set_subject_observer: a test can make one article's stage fail and the others go on. With
// INGEST_FAULT_KILL_SUBJECT=TEXT in the environment, a point whose subject contains TEXT
// kills the process (as INGEST_FAULT_KILL_AT does), whenever it is reached: a page that
// crashes the program every time it is processed.
void point(std::string_view name, std::string_view subject);

// For tests in the same process: called with each point's name before it is counted (a test
// can make a file appear at the worst moment). An empty function removes it. Set it before the
// code under test runs and remove it after; not safe against concurrent point() calls.
void set_observer(std::function<void(std::string_view name)> observer);
// As set_observer, for the points that name a subject; the function may throw, and the
// exception leaves point() as a stage's own would.
void set_subject_observer(std::function<void(std::string_view name, std::string_view subject)> observer);

}  // namespace fault
