// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "motcua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "motcua", targets: ["motcua"]),
        .library(name: "MotCua", targets: ["MotCua"]),
        .library(name: "Postgres", targets: ["Postgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "CivilTime"),
        .target(
            name: "Postgres",
            dependencies: [
                "CivilTime",
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "MotCua",
            dependencies: [
                "CivilTime",
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The demo and the benchmarks drive the `motcua` executable and know its command lines,
        // so they stand beside the domain library, not in it.
        .target(
            name: "MotCuaDemo",
            dependencies: ["MotCua", "Postgres", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "MotCuaBench",
            dependencies: ["MotCua", "MotCuaDemo", "Postgres", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "motcua",
            dependencies: [
                "CivilTime",
                "MotCua",
                "MotCuaDemo",
                "MotCuaBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres", "MotCua", "MotCuaDemo"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "MotCuaTests", dependencies: ["MotCua", "MotCuaDemo", "Postgres", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["motcua", "MotCua", "CivilTime", "TestSupport", "Postgres"]),
    ],
    swiftLanguageModes: [.v6]
)
