package io.istgt.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBytesTest {

    /** What the eight-at-a-time scan must equal: the plain loop. */
    private static int plainIndexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldFindWhatALoopFindsAtEveryOffsetAndLength() {
        Random random = new Random(6);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // Few distinct values, so that hits, neighbours of hits (borrows) and misses all occur.
                int pick = random.nextInt(6);
                bytes[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? '\n' + 1 : pick == 2 ? '\n' - 1
                        : pick == 3 ? 0x80 | '\n' : pick == 4 ? 0 : random.nextInt(256));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            for (byte b : new byte[] {'\n', 0, (byte) 0x80, (byte) 0xff, (byte) random.nextInt(256)}) {
                assertThat(LineBytes.indexOf(bytes, from, to, b)).as("round %d, byte %d", round, b)
                        .isEqualTo(plainIndexOf(bytes, from, to, b));
            }
        }
    }

    @Test
    void shouldFindAByteInEveryPositionOfAWord() {
        for (int at = 0; at < 20; at++) {
            byte[] bytes = new byte[20];
            bytes[at] = (byte) 0x80;
            assertThat(LineBytes.indexOf(bytes, 0, 20, (byte) 0x80)).isEqualTo(at);
        }
    }

    @Test
    void shouldRefuseARangeOutsideTheArray() {
        assertThatThrownBy(() -> LineBytes.indexOf(new byte[4], 2, 5, (byte) 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
