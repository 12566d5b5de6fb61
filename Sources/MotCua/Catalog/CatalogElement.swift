/// One element of a list in a catalog file: its value, or `nil` when it failed to decode and the
/// failure was logged, so decoding goes on with the next element.
struct CatalogElement<T: Decodable>: Decodable {
    let value: T?

    init(from decoder: any Decoder) throws {
        value = try decoder.attempt { try T(from: decoder) }
    }
}
