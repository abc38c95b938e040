/**
 * The first length-delimited field `field` of a protobuf message, read without a schema (the
 * other app's messages are not published). Undefined when it is absent or the bytes are not a
 * well-formed message.
 */
export function findProtobufField(message: Uint8Array, field: number): Buffer | undefined {
  let offset = 0;
  while (offset < message.length) {
    const tag = readVarint(message, offset);
    if (tag === undefined) return undefined;
    offset = tag.next;
    const wireType = Number(tag.value & 7n);
    const number = Number(tag.value >> 3n);
    if (wireType === 2) {
      const length = readVarint(message, offset);
      if (length === undefined) return undefined;
      const start = length.next;
      const end = start + Number(length.value);
      if (end > message.length) return undefined;
      if (number === field) return Buffer.from(message.subarray(start, end));
      offset = end;
    } else if (wireType === 0) {
      const value = readVarint(message, offset);
      if (value === undefined) return undefined;
      offset = value.next;
    } else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else return undefined;
  }
  return undefined;
}

function readVarint(bytes: Uint8Array, start: number): { value: bigint; next: number } | undefined {
  let value = 0n;
  let shift = 0n;
  for (let offset = start; offset < bytes.length && shift < 64n; offset += 1) {
    const byte = bytes[offset] as number;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value, next: offset + 1 };
    shift += 7n;
  }
  return undefined;
}
