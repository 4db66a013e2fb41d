// swift-tools-version:6.0
// The ETL pipeline for Chinese government information-disclosure annual reports
// (政府信息公开工作年度报告). One module per stage; `Pipeline` drives them; `etl` is the CLI.
import PackageDescription

let package = Package(
    name: "gov-disclosure-etl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "etl", targets: ["etl"]),
        .executable(name: "etl-gen", targets: ["etl-gen"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // System libraries, found through pkg-config (Debian: libopencc-dev, libzstd-dev).
        .systemLibrary(
            name: "COpenCC", pkgConfig: "opencc",
            providers: [.apt(["libopencc-dev"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CUchardet", pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),

        // Byte-level and system-call code shared by the modules: hashing through the system's
        // OpenSSL, the Linux file-system calls Swift's Glibc does not import.
        .target(name: "CFileSystem"),
        // poppler-cpp behind a C interface: a PDF's words with their boxes (Debian libpoppler-cpp-dev).
        .target(name: "CPDF", linkerSettings: [.linkedLibrary("poppler-cpp")]),
        .target(name: "SystemBytes", dependencies: ["COpenSSL", "CFileSystem"]),

        // The domain vocabulary: sections, table templates, keys, labels, identities.
        .target(name: "ReportModel"),

        // Stage 1: bytes -> decoded text + metadata.
        .target(name: "Ingest", dependencies: ["ReportModel", "CUchardet", "CLibXML2", "CPDF"]),
        // Stage 2: pinyin annotations, traditional -> simplified, artefacts, full-width forms.
        .target(name: "ScriptNormalization", dependencies: ["COpenCC", "ReportModel"]),
        // Stage 3: preamble + sections 1-6.
        .target(name: "SectionSegmentation", dependencies: ["ReportModel"]),
        // Stage 4: tables 二, 三, 四 and their accounting identities.
        .target(name: "TableExtraction", dependencies: ["ReportModel"]),
        // Stage 5: contract CSV files, zstd-compressed, and the manifest.
        .target(
            name: "Output",
            dependencies: ["ReportModel", "CZstd", "CZlib", "CXlsxWriter", "SystemBytes"]),

        // The driver: config, files, concurrency, errors.
        .target(
            name: "Pipeline",
            dependencies: [
                "ReportModel", "Ingest", "ScriptNormalization", "SectionSegmentation",
                "TableExtraction", "Output",
                "SystemBytes",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "etl",
            dependencies: [
                "Pipeline", "Output", "ReportModel", "Ingest", "ScriptNormalization", "TableExtraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .testTarget(name: "IngestTests", dependencies: ["Ingest", "ReportModel", "Pipeline", "ScriptNormalization"], exclude: ["Fixtures"]),
        .testTarget(name: "ScriptNormalizationTests", dependencies: ["ScriptNormalization"]),
        .testTarget(name: "SectionSegmentationTests", dependencies: ["SectionSegmentation", "ReportModel"]),
        .testTarget(
            name: "TableExtractionTests",
            dependencies: [
                "TableExtraction", "ReportModel", "CorpusGenerator",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        // Generated reports with known answers, for benchmarks and round-trip tests (issue 7).
        .target(name: "CorpusGenerator", dependencies: ["ReportModel", "ScriptNormalization"]),
        .executableTarget(
            name: "etl-gen",
            dependencies: ["CorpusGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "OutputTests", dependencies: ["Output", "ReportModel"]),
        .testTarget(
            name: "CorpusGeneratorTests",
            dependencies: ["CorpusGenerator", "Pipeline", "ReportModel", "ScriptNormalization"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "ReportModel", "Ingest", "ScriptNormalization", "Output"],
            resources: [.copy("Fixtures")]),
    ]
)
