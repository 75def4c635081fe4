package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    @Test
    void matchesTheStandardCheckValue() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.crc32c(data, 0, data.length)).isEqualTo(0xE3069283);
    }

    @Test
    void matchesRfc3720Vectors() {
        byte[] zeros = new byte[32];
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);
        assertThat(Crc32c.crc32c(zeros, 0, 32)).isEqualTo(0x8A9136AA);
        assertThat(Crc32c.crc32c(ones, 0, 32)).isEqualTo(0x62A8AB43);
    }

    @Test
    void masksByRotatingRight15AndAddingTheDelta() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        // 0xE3069283 rotated right by 15 is 0x2507C60D; plus 0xA282EAD8 is 0xC78AB0E5 (mod 2^32).
        assertThat(Crc32c.mask(0xE3069283)).isEqualTo(0xC78AB0E5);
        assertThat(Crc32c.maskedCrc32c(data, 0, data.length)).isEqualTo(0xC78AB0E5);
        assertThat(Crc32c.mask(0)).isEqualTo(0xA282EAD8);
    }

    @Test
    void coversOnlyTheRequestedRange() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc32c.crc32c(padded, 2, 9)).isEqualTo(0xE3069283);
    }

    @Test
    void rejectsRangeOutsideTheArray() {
        assertThatThrownBy(() -> Crc32c.crc32c(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
