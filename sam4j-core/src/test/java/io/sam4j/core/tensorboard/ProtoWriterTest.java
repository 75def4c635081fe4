package io.sam4j.core.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {

    @Test
    void encodesVarintsSevenBitsAtATimeLeastSignificantFirst() {
        assertThat(new ProtoWriter().varint(0).toByteArray()).containsExactly(0x00);
        assertThat(new ProtoWriter().varint(127).toByteArray()).containsExactly(0x7F);
        // 300 = 0b10_0101100: low seven bits 0x2C with the continuation bit, then 0x02.
        assertThat(new ProtoWriter().varint(300).toByteArray()).containsExactly(0xAC, 0x02);
    }

    @Test
    void encodesNegativeInt64AsTenBytes() {
        assertThat(new ProtoWriter().int64Field(2, -1).toByteArray())
                .containsExactly(0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    }

    @Test
    void encodesFixedWidthFieldsLittleEndian() {
        assertThat(new ProtoWriter().floatField(2, 1.0f).toByteArray()).containsExactly(0x15, 0x00, 0x00, 0x80, 0x3F);
        assertThat(new ProtoWriter().doubleField(1, 1.5).toByteArray())
                .containsExactly(0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F);
    }

    @Test
    void prefixesStringsWithTheirUtf8Length() {
        // "é" is two bytes in UTF-8, so the length is 2, not the string's length of 1.
        assertThat(new ProtoWriter().stringField(1, "é").toByteArray()).containsExactly(0x0A, 0x02, 0xC3, 0xA9);
    }
}
