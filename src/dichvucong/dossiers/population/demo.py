"""The demo population database: a few fictitious people (the demo sign-in's, the Node test
provider's and the demo citizen account), answered in the shape of NATIONAL.md §4.

Like the real one, it answers only when the number, the name (upper case, no tone marks) and
the year of birth all match. Numbers and addresses are made up and belong to nobody.
"""

from dichvucong.core.vn.identity import national_date
from dichvucong.dossiers.population import PopulationProvider, PopulationQuery, query_name


def _address(province: str, commune: str, line: str) -> dict:
    return {
        "MaTinhThanh": province,
        "MaQuanHuyen": "",
        "MaPhuongXa": commune,
        "ChiTiet": line,
        "QuocGia": "VN",
    }


def _person(number, ho, chu_dem, ten, born, gender, home, **extra) -> dict:
    return {
        "SoDinhDanh": number,
        "SoCMND": "",
        "HoVaTen": {"Ho": ho, "ChuDem": chu_dem, "Ten": ten},
        "GioiTinh": gender,
        "DanToc": "Kinh",
        "TonGiao": "Không",
        "QuocTich": "Việt Nam",
        "TinhTrangHonNhan": extra.pop("married", "Chưa kết hôn"),
        "NhomMau": "O",
        "NgayThangNamSinh": born,
        "NoiDangKyKhaiSinh": home,
        "QueQuan": home,
        "ThuongTru": home,
        "NoiOHienTai": home,
        **extra,
    }


def _relative(full_name: str, number: str = "") -> dict:
    return {"HoVaTen": full_name, "SoDinhDanh": number, "QuocTich": "Việt Nam"}


DEMO_CITIZENS: dict[str, dict] = {
    person["SoDinhDanh"]: person
    for person in (
        _person(
            "068190000111",
            "Trần",
            "Thị Minh",
            "Họa",
            "1990-03-08",
            "Nữ",
            _address("68", "22945", "Số 12 đường Trần Hưng Đạo"),
            Cha=_relative("Trần Văn Minh"),
            Me=_relative("Phạm Thị Họa"),
            ChuHo={
                "QuanHe": "Chủ hộ",
                "SoDinhDanh": "068190000111",
                "HoVaTen": "Trần Thị Minh Họa",
            },
            SoSoHoKhau="680000111",
        ),
        _person(
            "068085000222",
            "Lê",
            "Văn",
            "Thử",
            "20/11/1985",
            "Nam",
            _address("68", "22960", "Thôn 3"),
            married="Đã kết hôn",
            VoChong=_relative("Hồ Thị Lan"),
            ChuHo={"QuanHe": "Chủ hộ", "SoDinhDanh": "068085000222", "HoVaTen": "Lê Văn Thử"},
            SoSoHoKhau="680000222",
        ),
        _person(
            "079199000123",
            "Nguyễn",
            "Thị Thử",
            "Nghiệm",
            "1990-05-17",
            "Nữ",
            _address("68", "24823", "Số 5 đường Lê Lợi"),
            Cha=_relative("Nguyễn Văn Thử"),
            Me=_relative("Đỗ Thị Nghiệm"),
            ChuHo={"QuanHe": "Con", "SoDinhDanh": "", "HoVaTen": "Nguyễn Văn Thử"},
            SoSoHoKhau="680000123",
        ),
        _person(
            "060190001234",
            "Trần",
            "Thị Minh",
            "Thư",
            "1990-04-12",
            "Nữ",
            _address("68", "22945", "Số 1 đường Lê Lợi"),
            ChuHo={
                "QuanHe": "Chủ hộ",
                "SoDinhDanh": "060190001234",
                "HoVaTen": "Trần Thị Minh Thư",
            },
            SoSoHoKhau="680001234",
        ),
    )
}


class DemoPopulationProvider(PopulationProvider):
    id = "demo"

    def find(self, query: PopulationQuery) -> dict | None:
        person = DEMO_CITIZENS.get(query.id_number)
        if person is None:
            return None
        born = national_date(person["NgayThangNamSinh"])
        name = query_name(" ".join(person["HoVaTen"].values()))
        if name != query.full_name or born is None or born.year != query.birth_year:
            return None
        return person
