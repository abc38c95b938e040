/** Each value of an async iterable, mapped as it comes (closing the result closes the source). */
export async function* mapAsyncIterable<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncGenerator<U> {
  for await (const value of source) yield map(value);
}
