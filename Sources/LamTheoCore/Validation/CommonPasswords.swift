/// Passwords that guessers try first: the most used ones worldwide and in Vietnam (Vietnamese phrases
/// written without tones, names, places, the Party's own vocabulary). Written in the form `PasswordPolicy`
/// compares (lowercase letters and digits); a listed word with digits or symbols after it is refused too.
enum CommonPasswords {
    static let all: Set<String> = Set(list.split(whereSeparator: \.isWhitespace).map(String.init))

    private static let list = """
        123456 123456789 12345678 12345 1234567 1234567890 111111 123123 000000 1234 654321 666666 121212 112233
        123321 555555 696969 777777 888888 999999 987654321 11111111 00000000 88888888 66666666 12341234 11223344
        123654 147258369 159753 123qwe 1q2w3e 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx qazwsx qwerty qwerty123 qwertyuiop
        asdfgh asdfghjkl zxcvbnm zxcvbn 1qazxsw2 q1w2e3r4 a1b2c3 abc123 abcd1234 abcdef abcdefg aa123456 a123456
        a123456789 123456a 123456aa 123abc 1a2b3c 1password password password1 password12 password123 passw0rd
        p4ssword passwd pass1234 pass123 passpass mypassword newpassword secret secret123 letmein letmein123 welcome
        welcome1 welcome123 hello hello123 helloworld hi123456 admin admin123 admin1234 administrator root toor
        root123 user user123 guest guest123 test test123 testing tester demo demo123 default changeme changeit temp
        temp123 login login123 access access123 master master123 system system123 server oracle mysql postgres sa sql
        database backup support manager office iloveyou iloveu iloveyou1 iloveyou2 loveyou lovely loveme love love123
        lover mylove mylove123 sweetheart sweety sweetie honey darling baby babygirl babyboy princess princess1 angel
        angel1 angels beautiful forever friends friend bestfriend family happy happiness sunshine shadow shadow1
        monkey monkey1 dragon dragon1 tiger lion eagle falcon dolphin butterfly flower flowers rainbow star stars
        starwars superman batman spiderman ironman pokemon naruto dragonball football soccer baseball basketball
        hockey tennis golf chelsea liverpool arsenal manutd manchester barcelona realmadrid juventus messi ronaldo
        cristiano jordan jordan23 michael jennifer jessica ashley amanda daniel david thomas robert charlie andrew
        joshua matthew anthony william hunter ranger buster killer hacker ninja samurai warrior legend master1
        champion winner summer winter spring autumn sunday monday friday freedom whatever nothing trustno1 trustme
        computer internet google facebook youtube yahoo hotmail gmail apple samsung iphone android microsoft windows
        linux ubuntu mustang ferrari porsche bmw mercedes toyota honda yamaha harley chocolate cookie banana orange
        apple123 cheese pepper ginger coffee pizza qwe123 zxc123 asd123 qweasd qweasdzxc 1qaz 2wsx 3edc asdasd qweqwe
        zxczxc aaaaaa abcabc correcthorsebatterystaple starwars1 jesus christ god123 godisgood blessed heaven matrix
        morpheus neo hunter2 letmein1 access14 baseball1 football1 soccer1 princess12 matkhau matkhau1 matkhau123
        matkhaumoi doimatkhau matkhaucuatoi matkhaucuaban nhapmatkhau quenmatkhau matma baomat anhyeuem emyeuanh
        anhyeuemnhieu emyeuanhnhieu yeuem yeuanh yeuemnhieu yeuanhnhieu yeuem123 anhyeuem123 emyeuanh123 yeuemmaimai
        yeuanhmaimai maimaiyeuem tinhyeu tinhyeu123 tinhyeumaimai hanhphuc giadinh giadinhlaso1 conyeume meyeucon bome
        bomeyeucon yeume yeuba yeucon conyeu vietnam vietnam123 vietnamvodich vietnamquehuongtoi toiyeuvietnam
        yeuvietnam hanoi hanoi123 saigon saigon123 hochiminh tphochiminh thanhphohochiminh danang haiphong cantho hue
        nhatrang dalat vungtau hoangsa truongsa hoangsatruongsa bacho bachokinhyeu hochutich chutich chutichnuoc
        dangcongsan dangcongsanvietnam dangvien dangvientre chibo dangbo dangbophuong dangbotinh bithu bithuchibo
        phobithu capuy thuongvu quantri quantrivien quantrihethong quanly quanlydangvien lamtheo lamtheobac hoctap
        hoctapvalamtheo hoctaplamtheo tuhoc congdoan doanthanhnien thanhnien thanhdoan hoiphunu phunu cuuchienbinh
        nongdan congnhan congan quandoi bodoi chiensi chiensicongan anninh nhandan tochuc uyban ubnd hdnd vanphong
        vanthu ketoan taichinh thuquy giamdoc truongphong nhanvien canbo congchuc vienchuc giaovien hocsinh sinhvien
        daihoc caodang truonghoc thaygiao cogiao bacsi benhvien nguyen nguyenvan nguyenthi tranvan tranthi levan lethi
        phamvan phamthi hoangvan huynhvan phanvan vuvan dangvan buivan dovan hovan ngovan duongvan lyvan thienthan
        thienthannho congchua hoangtu emxinhdep xinhdep xinhgai dethuong cute cuteboy cutegirl dangyeu bemeo meocon
        conmeo concho chocon heocon conheo bebong bongbong nangtien hoahong hoacuc hoamai hoadao muaxuan muaha muathu
        muadong trangtrang nangmai bautroi dieuuoc uocmo hivong niemtin thanhcong giauco phattai tienbac tien vang
        kimcuong sonha quehuong dattroi trungthu tet tetnguyendan chucmung xinchao xinchaovietnam camon tambiet
        hello1234 chaoban banbe tinhban banthan anhtrai chigai emgai emtrai ongba changtrai cogai nguoiyeu vokyeu
        vochong chongyeu voyeu giadinhtoi nhacuatoi toila toilaai khongbiet khongco khongnho quenroi binhthuong
        binhyen banlinh anhhung anhhungbanphim sieunhan ongnoi banoi baungoai bame
        """
}
