import { ServiceName, operationsOf, serviceNamespace } from './operations';
import { XML_DECLARATION } from './soap-envelope';
import { XmlObject, buildXml } from './xml-writer';

function openElement(name: string): XmlObject {
    return {
        '@_name': name,
        's:complexType': { 's:sequence': { 's:any': { '#text': '', '@_minOccurs': '0', '@_maxOccurs': 'unbounded', '@_processContents': 'lax' } } }
    };
}

/**
 * A small WSDL 1.1 for `GET <Service>.asmx?wsdl`, so SOAP tooling can bind. Message contents are
 * left open (`xs:any`): the contract, not a schema, says what goes inside.
 */
export function serviceWsdl(service: ServiceName, location: string): string {
    const namespace = serviceNamespace(service);
    const operations = operationsOf(service);
    const port = `${service}Soap`;
    return XML_DECLARATION + buildXml({
        'wsdl:definitions': {
            '@_xmlns:wsdl': 'http://schemas.xmlsoap.org/wsdl/',
            '@_xmlns:soap': 'http://schemas.xmlsoap.org/wsdl/soap/',
            '@_xmlns:s': 'http://www.w3.org/2001/XMLSchema',
            '@_xmlns:tns': namespace,
            '@_targetNamespace': namespace,
            'wsdl:types': {
                's:schema': {
                    '@_elementFormDefault': 'qualified',
                    '@_targetNamespace': namespace,
                    's:element': operations.flatMap(operation => [openElement(operation.name), openElement(`${operation.name}Response`)])
                }
            },
            'wsdl:message': operations.flatMap(operation => [
                { '@_name': `${operation.name}SoapIn`, 'wsdl:part': { '#text': '', '@_name': 'parameters', '@_element': `tns:${operation.name}` } },
                { '@_name': `${operation.name}SoapOut`, 'wsdl:part': { '#text': '', '@_name': 'parameters', '@_element': `tns:${operation.name}Response` } }
            ]),
            'wsdl:portType': {
                '@_name': port,
                'wsdl:operation': operations.map(operation => ({
                    '@_name': operation.name,
                    'wsdl:input': { '#text': '', '@_message': `tns:${operation.name}SoapIn` },
                    'wsdl:output': { '#text': '', '@_message': `tns:${operation.name}SoapOut` }
                }))
            },
            'wsdl:binding': {
                '@_name': port,
                '@_type': `tns:${port}`,
                'soap:binding': { '#text': '', '@_transport': 'http://schemas.xmlsoap.org/soap/http' },
                'wsdl:operation': operations.map(operation => ({
                    '@_name': operation.name,
                    'soap:operation': { '#text': '', '@_soapAction': `${namespace}/${operation.name}`, '@_style': 'document' },
                    'wsdl:input': { 'soap:body': { '#text': '', '@_use': 'literal' } },
                    'wsdl:output': { 'soap:body': { '#text': '', '@_use': 'literal' } }
                }))
            },
            'wsdl:service': {
                '@_name': service,
                'wsdl:port': {
                    '@_name': port,
                    '@_binding': `tns:${port}`,
                    'soap:address': { '#text': '', '@_location': location }
                }
            }
        }
    });
}
