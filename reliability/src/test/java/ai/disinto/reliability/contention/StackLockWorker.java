package ai.disinto.reliability.contention;

import ai.disinto.core.lock.StackLock;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes the stack lock over and over and checks, inside, that nobody else is inside: a marker
 * file is created exclusively on entry and deleted on exit. Run in-process ({@link #run}) or as
 * its own JVM: {@code StackLockWorker LOCK_DIR PROJECT NAME THREADS ACQUISITIONS_PER_THREAD},
 * which prints {@code acquired N overlaps M}.
 */
public final class StackLockWorker {
  private StackLockWorker() {}

  /** The totals of a run. */
  record Totals(int acquired, int overlaps) {}

  /**
   * Runs the worker as a process.
   *
   * @param args lock dir, project, name, threads, acquisitions per thread
   * @throws Exception when a thread fails
   */
  public static void main(String[] args) throws Exception {
    Totals t = run(Path.of(args[0]), args[1], args[2], Integer.parseInt(args[3]),
        Integer.parseInt(args[4]));
    System.out.println("acquired " + t.acquired() + " overlaps " + t.overlaps());
  }

  static Totals run(Path lockDir, String project, String name, int threads, int each)
      throws Exception {
    StackLock lock = StackLock.builder(lockDir).build();
    Path inside = lockDir.resolve(project + ".inside");
    AtomicInteger acquired = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<Thread> ts = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      String holder = name + "-" + t;
      Thread th = new Thread(() -> {
        try {
          for (int i = 0; i < each; ) {
            Optional<StackLock.Lease> lease = lock.tryAcquire(holder, project);
            if (lease.isEmpty()) {
              Thread.yield();
              continue;
            }
            try (StackLock.Lease l = lease.get()) {
              try {
                Files.createFile(inside);
              } catch (FileAlreadyExistsException e) {
                overlaps.incrementAndGet();
                continue;
              }
              Files.delete(inside);
            }
            acquired.incrementAndGet();
            i++;
          }
        } catch (IOException | RuntimeException e) {
          failures.add(e);
        }
      });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a worker thread failed", failures.get(0));
    }
    return new Totals(acquired.get(), overlaps.get());
  }
}
