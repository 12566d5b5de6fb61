import Foundation

/// The two astronomical quantities the lunar calendar needs, by the series of Jean Meeus'
/// "Astronomical Algorithms" in the form Hồ Ngọc Đức's calendar uses (accurate to minutes for 1800–2200).
enum LunarAstronomy {
    private static let degree = Double.pi / 180

    /// The Julian date (UT) of the k-th new moon after the one of 1900-01-01 (k = 0).
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85  // Julian centuries since 1900-01-01 12:00
        let t2 = t * t
        let t3 = t2 * t
        let mean =
            2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * degree)
        let sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * degree
        let moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * degree
        let latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * degree
        var correction = (0.1734 - 0.000393 * t) * sin(sunAnomaly) + 0.0021 * sin(2 * sunAnomaly)
        correction += -0.4068 * sin(moonAnomaly) + 0.0161 * sin(2 * moonAnomaly) - 0.0004 * sin(3 * moonAnomaly)
        correction += 0.0104 * sin(2 * latitude) - 0.0051 * sin(sunAnomaly + moonAnomaly)
        correction += -0.0074 * sin(sunAnomaly - moonAnomaly) + 0.0004 * sin(2 * latitude + sunAnomaly)
        correction += -0.0004 * sin(2 * latitude - sunAnomaly) - 0.0006 * sin(2 * latitude + moonAnomaly)
        correction += 0.0010 * sin(2 * latitude - moonAnomaly) + 0.0005 * sin(2 * moonAnomaly + sunAnomaly)
        let deltaT =
            t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return mean + correction - deltaT
    }

    /// The sun's apparent ecliptic longitude, in radians in [0, 2π), at a Julian date (UT).
    static func sunLongitude(_ julianDate: Double) -> Double {
        let t = (julianDate - 2_451_545.0) / 36525  // Julian centuries since 2000-01-01 12:00
        let t2 = t * t
        let anomaly = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * degree
        let meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        let center =
            (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(anomaly)
            + (0.019993 - 0.000101 * t) * sin(2 * anomaly) + 0.000290 * sin(3 * anomaly)
        let longitude = (meanLongitude + center) * degree
        return longitude - 2 * Double.pi * (longitude / (2 * Double.pi)).rounded(.down)
    }
}
