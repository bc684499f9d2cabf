/**
 * SOAP answers written by hand from the contract (shared/contracts/marcomcentral-trans-api.md),
 * varied the way real servers vary: prefixes soap:, s: or none, pretty-printed or not, one child or
 * many, elements the contract does not list.
 */

export type EnvelopeStyle = 'soap' | 's' | 'none';

export function envelope(body: string, style: EnvelopeStyle = 'soap'): string {
    switch (style) {
        case 'soap':
            return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body>
    ${body}
  </soap:Body>
</soap:Envelope>
`;
        case 's':
            return `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body>${body}</s:Body></s:Envelope>`;
        case 'none':
            return `<?xml version="1.0"?>\n<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">\n\t<Header></Header>\n\t<Body>\n${body}\n\t</Body>\n</Envelope>`;
    }
}

export function faultEnvelope(faultString: string, style: EnvelopeStyle = 'soap', faultCode = 'soap:Server'): string {
    return envelope(`<soap:Fault xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
      <faultcode>${faultCode}</faultcode>
      <faultstring>${faultString}</faultstring>
      <detail/>
    </soap:Fault>`, style);
}

/** A credit-card order with one printable line; every field the contract lists, plus some it does not. */
export const ORDER_CREDIT_CARD = `
      <Order>
        <ID type="Printable">8004082</ID>
        <OrderNumber>ACME-000123</OrderNumber>
        <Description>Spring campaign &amp; trade show</Description>
        <CreateDate>2026-11-26T08:01:12-08:00</CreateDate>
        <Status>Pending</Status>
        <User>
          <ID type="Printable">5501</ID>
          <FirstName>Pat</FirstName>
          <LastName>Lee</LastName>
          <LoginID>plee</LoginID>
          <Email>pat@example.com</Email>
        </User>
        <UserGroups SyncMode="Auto"><UserGroup type="NonPrintable">Marketing</UserGroup></UserGroups>
        <Company><ID type="Printable">17351</ID><Name>ACME Corp</Name></Company>
        <Seller><ID type="Printable">77</ID><Name>Demo Print Co</Name></Seller>
        <BillingAddress>
          <ID type="Printable">9001</ID>
          <Description>HQ</Description>
          <Address1>1 Main St</Address1>
          <Address2>Suite 100</Address2>
          <Address3/>
          <Address4></Address4>
          <City>Portland</City>
          <State>OR</State>
          <Zip>97201</Zip>
          <Country>US</Country>
          <PhoneNumber>503-555-0100</PhoneNumber>
          <FaxNumber/>
          <CompanyName>ACME Corp</CompanyName>
          <Attn>Accounts Payable</Attn>
          <Email>ap@example.com</Email>
        </BillingAddress>
        <ShippingAddress>
          <Address1>200 Dock Rd</Address1>
          <City>Portland</City>
          <State>OR</State>
          <Zip>97202</Zip>
          <Country>US</Country>
          <CompanyName>ACME Corp</CompanyName>
          <Attn>Pat Lee</Attn>
        </ShippingAddress>
        <PaymentMethod>CreditCard</PaymentMethod>
        <PaymentMethodDetail/>
        <CreditCard>
          <AuthorizationNumber>AUTH-778899</AuthorizationNumber>
          <AuthorizationExpirationDate>2026-12-26T08:01:12-08:00</AuthorizationExpirationDate>
          <ConfirmationNumber>CONF-1</ConfirmationNumber>
          <CCType>Visa</CCType>
        </CreditCard>
        <OrderDetails>
          <OrderDetail>
            <ID type="Printable">123456</ID>
            <OrderID type="Printable">8004082</OrderID>
            <OrderNumber>ACME-000123</OrderNumber>
            <ProductID type="Printable">4400</ProductID>
            <ProductName>Business Cards</ProductName>
            <ProductDescription>&lt;p&gt;Premium cards&lt;/p&gt;</ProductDescription>
            <ProductType>Variable</ProductType>
            <SKU><ID type="Printable">SKU13933967</ID><Name>BC-PREMIUM</Name></SKU>
            <SKUDescription>Premium business cards, 16pt</SKUDescription>
            <SKUInventorySettings><Unit>Box</Unit><QtyPerUnit>250</QtyPerUnit></SKUInventorySettings>
            <Quantity>500</Quantity>
            <QuantityShipped>0</QuantityShipped>
            <PageCount>2</PageCount>
            <Price>
              <Cost>
                <Customer Currency="USD">125.00</Customer>
                <Seller Currency="USD">80.00</Seller>
                <Shipping Currency="USD">12.50</Shipping>
                <Unit Currency="USD">0.25</Unit>
                <CustomerDiscount Currency="USD">5.00</CustomerDiscount>
              </Cost>
              <Tax>
                <CustomerSales Currency="USD">9.60</CustomerSales>
                <City Currency="USD">1.00</City>
                <TotalFreight Currency="USD">0.75</TotalFreight>
                <StateName>OR</StateName>
              </Tax>
            </Price>
            <Shipping>
              <Method>UPS Ground</Method>
              <Date>2026-11-30T00:00:00</Date>
              <Instructions>Leave at dock 3</Instructions>
              <TrackingNumber/>
              <DateShipped/>
              <Address>
                <Address1>200 Dock Rd</Address1>
                <City>Portland</City>
                <State>OR</State>
                <Zip>97202</Zip>
                <Country>US</Country>
                <Attn>Pat Lee</Attn>
              </Address>
            </Shipping>
            <FinalOutputFileURL><URL>https://files.example.com/files/123456.pdf</URL></FinalOutputFileURL>
            <ClientStatus><Value>OrderAccepted</Value><Date>2026-11-26T08:01:12-08:00</Date></ClientStatus>
            <SellerStatus><Value>WorkInProgress</Value><Date>2026-11-26T08:05:00-08:00</Date></SellerStatus>
            <FinishingOptions>
              <FinishingOption><Name>Corners</Name><Value>Rounded</Value><FeeType>PerPiece</FeeType></FinishingOption>
            </FinishingOptions>
          </OrderDetail>
        </OrderDetails>
      </Order>`;

/** A purchase-order order with two lines, compact, money without Currency attributes, an offset-less date. */
export const ORDER_TWO_LINES = `<Order><ID type="Printable">8004083</ID><OrderNumber>ACME-000124</OrderNumber><Description/>`
    + `<CreateDate>2026-11-26T09:15:00</CreateDate><User><FirstName>Sam</FirstName><LastName>Ortiz</LastName></User>`
    + `<PaymentMethod>PurchaseOrder</PaymentMethod><SalesWorkOrders/><OrderDetails>`
    + `<OrderDetail><ID type="Printable">123457</ID><ProductName>Poster</ProductName><ProductType>Versioned</ProductType>`
    + `<Quantity>10</Quantity><Price><Cost><Customer>45.00</Customer><Unit>4.50</Unit></Cost></Price>`
    + `<FinalOutputFileURL><URL/></FinalOutputFileURL><FinishingOptions/></OrderDetail>`
    + `<OrderDetail><ID type="Printable">123458</ID><ProductName>Pens</ProductName><ProductType>Static</ProductType>`
    + `<Quantity>100</Quantity><Price><Cost><Customer Currency="CAD">60.00</Customer></Cost></Price>`
    + `<FinishingOptions><FinishingOption><Name>Imprint</Name><Value>Blue</Value></FinishingOption>`
    + `<FinishingOption><Name>Gift box</Name><Value/></FinishingOption></FinishingOptions></OrderDetail>`
    + `</OrderDetails></Order>`;

/** A third order, cost-center paid, to make "many" more than two. */
export const ORDER_COST_CENTER = `
  <Order>
    <ID type="Printable">8004084</ID>
    <OrderNumber>ACME-000125</OrderNumber>
    <CreateDate>2026-11-26T10:00:00-08:00</CreateDate>
    <PaymentMethod>CostCenter</PaymentMethod>
    <OrderDetails>
      <OrderDetail>
        <ID type="Printable">123459</ID>
        <ProductName>Letterhead</ProductName>
        <ProductType>JobDirect</ProductType>
        <Quantity> 1000 </Quantity>
        <Price/>
      </OrderDetail>
    </OrderDetails>
  </Order>`;

export interface OrdersResponseOptions {
    readonly operation?: 'GetOrdersByDate' | 'GetOrdersByOrderNumber';
    readonly count?: number | string;
    readonly style?: EnvelopeStyle;
    /** Leave out the `…Result` wrapper. */
    readonly withoutResult?: boolean;
}

export function ordersResponse(orders: readonly string[], options: OrdersResponseOptions = {}): string {
    const operation = options.operation ?? 'GetOrdersByDate';
    const count = options.count ?? orders.length;
    const ordersElement = orders.length === 0 ? '<Orders/>' : `<Orders>${orders.join('\n')}</Orders>`;
    const inner = `<GetOrdersResponse><Summary><Count>${count}</Count></Summary>${ordersElement}</GetOrdersResponse>`;
    const result = options.withoutResult ? inner : `<${operation}Result>${inner}</${operation}Result>`;
    return envelope(`<${operation}Response xmlns="http://www.printable.com/WebService/Order">${result}</${operation}Response>`, options.style);
}

export function jobTicketsResponse(tickets: readonly string[], style: EnvelopeStyle = 'soap'): string {
    return envelope(`<GetJobTicketsByDateResponse xmlns="http://www.printable.com/WebService/JobTicket">
      <GetJobTicketResponse>${tickets.join('')}</GetJobTicketResponse>
    </GetJobTicketsByDateResponse>`, style);
}

export const JOB_TICKET = `
  <JobTicket>
    <ID type="Printable">JT-900</ID>
    <JobTicketNumber>900</JobTicketNumber>
    <CreatedDate>2026-11-26T08:01:12-08:00</CreatedDate>
    <DeliveryDate>2026-12-01T00:00:00</DeliveryDate>
    <FinalOutputFileURL><URL>https://files.example.com/files/123456.pdf</URL></FinalOutputFileURL>
    <JobTicketInstructions>
      <PaperDescription>16pt matte</PaperDescription>
      <PressInstructions>4/4</PressInstructions>
      <BinderyInstructions>Round corners</BinderyInstructions>
      <ShippingInstructions/>
    </JobTicketInstructions>
    <OrderDetails>
      <OrderDetail>
        <ID type="Printable">123456</ID>
        <OrderID type="Printable">8004082</OrderID>
        <OrderNumber>ACME-000123</OrderNumber>
        <ProductName>Business Cards</ProductName>
        <ProductType>Variable</ProductType>
        <SKU><ID>SKU13933967</ID></SKU>
        <Quantity>500</Quantity>
        <Shipping><Method>UPS Ground</Method></Shipping>
      </OrderDetail>
    </OrderDetails>
  </JobTicket>`;

export interface CloseoutLine {
    readonly id: string;
    readonly status?: { status: string; code: number | string; message?: string };
    readonly action?: { status: string; code: number | string; message?: string; referenceId?: string };
}

/** `<Op>Response/<Op>Result/{Status, LineItems/LineItem*}` in the service's namespace, with the pac:/inv:/set: prefix style. */
export function closeoutResponse(
    operation: string,
    service: 'PackingSlip' | 'Invoice' | 'Settlement',
    top: { status: string; code: number | string; message?: string },
    lines: readonly CloseoutLine[] = [],
    style: EnvelopeStyle = 'soap'
): string {
    const status = (name: string, s: { status: string; code: number | string; message?: string; referenceId?: string }): string =>
        `<${name} Status="${s.status}" Code="${s.code}" Message="${s.message ?? ''}"${s.referenceId ? ` ReferenceId="${s.referenceId}"` : ''}/>`;
    const lineItems = lines.length === 0 ? '' : `<LineItems>${lines.map(line => `
        <LineItem>
          <LineItemID>${line.id}</LineItemID>
          ${line.status ? status('Status', line.status) : ''}
          ${line.action ? status('Action', line.action) : ''}
        </LineItem>`).join('')}</LineItems>`;
    const prefix = service === 'PackingSlip' ? 'pac' : service === 'Invoice' ? 'inv' : 'set';
    return envelope(`<${prefix}:${operation}Response xmlns:${prefix}="http://www.printable.com/WebService/${service}">
      <${prefix}:${operation}Result>
        ${status('Status', top)}
        ${lineItems}
      </${prefix}:${operation}Result>
    </${prefix}:${operation}Response>`, style);
}

/** The classic entity-expansion bomb ("billion laughs"). */
export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<GetOrdersByDateResponse><GetOrdersByDateResult><GetOrdersResponse><Summary><Count>1</Count></Summary>
<Orders><Order><ID>1</ID><OrderNumber>&lol9;</OrderNumber></Order></Orders>
</GetOrdersResponse></GetOrdersByDateResult></GetOrdersByDateResponse></soap:Body></soap:Envelope>`;

/** An external entity pointing at a local file. */
export const EXTERNAL_ENTITY = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<GetOrdersByDateResponse><GetOrdersByDateResult><GetOrdersResponse><Summary><Count>1</Count></Summary>
<Orders><Order><ID>1</ID><OrderNumber>x</OrderNumber><Description>&xxe;</Description></Order></Orders>
</GetOrdersResponse></GetOrdersByDateResult></GetOrdersByDateResponse></soap:Body></soap:Envelope>`;
