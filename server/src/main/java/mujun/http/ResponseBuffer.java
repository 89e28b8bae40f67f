package mujun.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A 64 KB write buffer in front of a streamed response, borrowed from a small pool: a page goes out in a few large
 * writes, and a busy server does not allocate (and zero) 64 KB per request. {@link #release()} gives the buffer back
 * without writing what is left in it (for a request that failed before its page was complete); {@link #close()}
 * writes the rest and gives it back. The underlying stream is flushed, never closed.
 */
public final class ResponseBuffer extends OutputStream {
  static final int SIZE = 64 * 1024;
  private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(32);
  private final OutputStream out;
  private byte[] buf;
  private int n;

  public ResponseBuffer(OutputStream out) {
    this.out = out;
    byte[] b = POOL.poll();
    this.buf = b != null ? b : new byte[SIZE];
  }

  @Override
  public void write(int b) throws IOException {
    if (n == buf.length) drain();
    buf[n++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len >= buf.length) {
      drain();
      out.write(b, off, len);
      return;
    }
    if (len > buf.length - n) drain();
    System.arraycopy(b, off, buf, n, len);
    n += len;
  }

  private void drain() throws IOException {
    if (n > 0) {
      out.write(buf, 0, n);
      n = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  /** Gives the buffer back to the pool, dropping anything not yet written. Safe to call more than once. */
  public void release() {
    byte[] b = buf;
    if (b == null) return;
    buf = null;
    n = 0;
    POOL.offer(b);
  }

  @Override
  public void close() throws IOException {
    if (buf == null) return;
    try {
      flush();
    } finally {
      release();
    }
  }
}
